// A role an AWS service assumes to work in this account, and the one grant that lets a caller hand
// it to that service. The trust policy's principal and the PassRole condition are two different
// facts, each read from AWS's documentation for the call that takes the role: the principal is the
// service that calls sts:AssumeRole, `iam:PassedToService` is the value the Service Authorization
// Reference lists for the API operation the caller passes the role to. They need not be equal
// (MediaPackage-VOD's CreateAsset authorizes PassRole for mediapackage-vod.amazonaws.com, and the
// role it takes trusts mediapackage.amazonaws.com).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export interface ServiceRoleProps {
  readonly description: string;
  /** The service principal that assumes the role (the trust policy's `Principal.Service`). */
  readonly assumedBy: string;
  /** The `iam:PassedToService` value of the API operation that takes the role. */
  readonly passedToService: string;
  /**
   * Require `aws:SourceAccount` = this account in the trust policy (confused-deputy protection).
   * Only for a service whose documentation says it sends the key when it assumes the role: a
   * condition on a key that is absent from the request refuses every AssumeRole.
   * @default false
   */
  readonly requireSourceAccount?: boolean;
  /** What the service may do with the role. */
  readonly statements: readonly iam.PolicyStatement[];
}

export interface ServiceRole {
  readonly role: iam.Role;
  /** Lets `grantee` pass this role to `passedToService`, and to no other service. */
  grantPass(grantee: iam.IGrantable): iam.Grant;
}

export function serviceRole(scope: Construct, id: string, props: ServiceRoleProps): ServiceRole {
  const conditions = props.requireSourceAccount ? { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } : undefined;
  const role = new iam.Role(scope, id, {
    description: props.description,
    assumedBy: new iam.ServicePrincipal(props.assumedBy, conditions ? { conditions } : {}),
  });
  for (const statement of props.statements) role.addToPolicy(statement);
  return {
    role,
    grantPass: (grantee) =>
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['iam:PassRole'],
        resourceArns: [role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': props.passedToService } },
      }),
  };
}
