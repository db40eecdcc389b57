// Reviewed findings of cdk-nag's AwsSolutions pack, recorded where they arise with CDK's own
// Validations API: the constructs carry their reasons without depending on cdk-nag. A finding
// about a wildcard names the exact resource cdk-nag reports, so a new wildcard is a new finding.
import { CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges rule `AwsSolutions-<rule>` on `scope`, or only the given findings of it. */
export function acknowledge(scope: IConstruct, rule: string, reason: string, findings: readonly string[] = []): void {
  const ids = findings.length === 0 ? [`AwsSolutions-${rule}`] : findings.map((finding) => `AwsSolutions-${rule}[${finding}]`);
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

/** How cdk-nag prints an attribute of a resource in this stack: `<LogicalId.Arn>`. */
export function nagAttribute(resource: IConstruct, attribute = 'Arn'): string {
  const element = resource instanceof CfnElement ? resource : resource.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${resource.node.path} has no CloudFormation resource`);
  return `<${Stack.of(element).getLogicalId(element)}.${attribute}>`;
}

/** How cdk-nag prints `arn:partition:service:region:account:resource`, pseudo parameters as `<AWS::...>`. */
export function nagArn(scope: IConstruct, service: string, resource: string): string {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:<AWS::Partition>:${service}:${region}:${account}:${resource}`;
}
