// The whole system on AWS: the clips API, the clip table, the clips bucket with MediaPackage's
// role, the MediaPackage-VOD packaging, the handlers and the events that drive them, behind AWS
// WAF. The live side is an existing MediaPackage origin endpoint named by its id, or a live
// channel of this stack.
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct, IConstruct } from 'constructs';
import { clipEventRules } from '../../contracts/eventRules.ts';
import { parseChannelRef, type V2ChannelRef } from '../../contracts/liveChannel.ts';
import { handlerEnvironment } from '../../contracts/handlerEnvironment.ts';
import type { ResolverBundle } from '../../resolvers/bundle/index.ts';
import { ApiFirewall } from '../constructs/ApiFirewall.ts';
import { ClipEvents } from '../constructs/ClipEvents.ts';
import { ClipHandlers, type ClipHandlerSpec } from '../constructs/ClipHandlers.ts';
import { ClipsApi } from '../constructs/ClipsApi.ts';
import { ClipStorage } from '../constructs/ClipStorage.ts';
import { ClipTable } from '../constructs/ClipTable.ts';
import { LiveChannel, type LiveChannelProps, type LiveChannelSource } from '../constructs/LiveChannel.ts';
import { VodPackaging } from '../constructs/VodPackaging.ts';
import { acknowledge, nagArn, nagAttribute } from '../constructs/nagFindings.ts';
import { STACK_OUTPUTS } from './outputNames.ts';
import { CREATE_CLIP_RATE_LIMIT, CREATE_CLIP_RATE_WINDOW_SECONDS, DEFAULT_CREATE_CLIP_RATE } from '../../contracts/createClipRate.ts';

/**
 * What a handler talks to (functions/commons/services.ts): each service brings the handler's
 * environment variables and exactly the permissions its calls need.
 */
export type HandlerService = 'store' | 'live' | 'harvestJobs' | 'harvester' | 'packager' | 'objects' | 'publish';

export interface HandlerDefinition {
  /** The services functions/<name>/index.ts uses. */
  readonly uses: readonly HandlerService[];
  /** What invokes it: AppSync (a data source), an EventBridge rule, the sweep schedule or the clip table's stream. */
  readonly trigger: 'dataSource' | 'harvestJobEvents' | 'vodAssetEvents' | 'schedule' | 'tableStream';
  readonly timeout: Duration;
}

/** The handlers this stack knows how to wire, by their folder under functions/. */
export const HANDLERS = {
  // AppSync gives a Lambda data source 30 s; the handler must answer well within that.
  startHarvest: { uses: ['store', 'live', 'harvestJobs', 'harvester', 'publish'], trigger: 'dataSource', timeout: Duration.seconds(20) },
  // Only the handlers that start harvests (startHarvest, and packageClip and sweepClips, which
  // start clips waiting for the quota) may create jobs and pass the harvest role; the others
  // read or cancel jobs only.
  removeClip: { uses: ['store', 'live', 'harvestJobs', 'packager', 'objects'], trigger: 'dataSource', timeout: Duration.seconds(20) },
  listCompetitions: { uses: ['store', 'live'], trigger: 'dataSource', timeout: Duration.seconds(20) },
  cancelClip: { uses: ['store', 'live', 'harvestJobs', 'packager', 'objects', 'publish'], trigger: 'dataSource', timeout: Duration.seconds(20) },
  // Reads its configuration only; 'live' brings it (and a DescribeOriginEndpoint it does not call).
  describeLiveChannel: { uses: ['live'], trigger: 'dataSource', timeout: Duration.seconds(10) },
  // A clip deleted meanwhile is removed by whichever step finds it deleted: each may remove.
  packageClip: { uses: ['store', 'live', 'harvestJobs', 'harvester', 'packager', 'objects', 'publish'], trigger: 'harvestJobEvents', timeout: Duration.seconds(60) },
  clipPlayable: { uses: ['store', 'live', 'harvestJobs', 'packager', 'objects', 'publish'], trigger: 'vodAssetEvents', timeout: Duration.seconds(60) },
  sweepClips: { uses: ['store', 'live', 'harvestJobs', 'harvester', 'packager', 'objects', 'publish'], trigger: 'schedule', timeout: Duration.seconds(120) },
  expireClips: { uses: ['store', 'live', 'harvestJobs', 'packager', 'objects', 'publish'], trigger: 'tableStream', timeout: Duration.seconds(120) },
} as const satisfies Record<string, HandlerDefinition>;

export type HandlerName = keyof typeof HANDLERS;

/**
 * EventBridge and the schedule invoke asynchronously (a dead-letter queue keeps what fails); AppSync
 * waits for its data sources, and a stream's event source mapping retries a batch itself.
 */
export function isAsynchronous(trigger: HandlerDefinition['trigger']): boolean {
  return trigger === 'harvestJobEvents' || trigger === 'vodAssetEvents' || trigger === 'schedule';
}

/** The handlers deployed unless told otherwise: those whose code is in functions/ today. */
export const DEFAULT_HANDLERS: readonly HandlerName[] = [
  'startHarvest',
  'removeClip',
  'listCompetitions',
  'describeLiveChannel',
  'cancelClip',
  'packageClip',
  'clipPlayable',
  'sweepClips',
  'expireClips',
];

export interface LiveToVodStackProps extends StackProps {
  /** The repository root: functions/, schema/ and package-lock.json are found from it. */
  readonly projectRoot: string;
  /** From `bundleResolvers()` over resolvers/. */
  readonly resolvers: readonly ResolverBundle[];
  /**
   * An existing MediaPackage origin endpoint clips are harvested from (it needs a startover
   * window). Give this or `liveChannel`.
   * @default none
   */
  readonly originEndpointId?: string;
  /**
   * Competitions that clip from another origin endpoint than the default one: competition id ->
   * origin endpoint id (e.g. a second arena's channel).
   * @default none: every competition clips from the default origin
   */
  readonly competitionOriginEndpoints?: Readonly<Record<string, string>>;
  /** The existing endpoint's playback URL, if known; the deploy script looks it up otherwise. @default none */
  readonly livePlaybackUrl?: string;
  /**
   * A live channel of this stack instead (MediaLive looping an MP4 -> MediaPackage), costing
   * money while it runs. Its source defaults to `live-source/loop.mp4` in the clips bucket.
   * @default none
   */
  readonly liveChannel?: Omit<LiveChannelProps, 'source'> & { readonly source?: LiveChannelSource };
  /**
   * How far back a clip may start; at most the origin endpoint's startover window.
   * @default the live channel's startover window, else 3600
   */
  readonly startoverWindowSeconds?: number;
  /** How far in the future a clip's end may lie to allow for clocks that differ. @default 5 */
  readonly clockSkewSeconds?: number;
  /** A clip's length when createClip gives no start. @default 60 */
  readonly defaultClipSeconds?: number;
  /** Clips expire (with their VOD assets and files) this many days after they were made; 0 keeps them. @default 90 */
  readonly clipRetentionDays?: number;
  /** How far ahead of now a clip may end, on a MediaPackage v2 channel; 0 allows only ended ranges. @default 300 */
  readonly maxFutureEndSeconds?: number;
  /** Clips one caller (a Cognito user, the API key) may create per window; 0 turns the limit off. @default 30 (contracts/createClipRate.ts) */
  readonly createClipRateLimit?: number;
  /** The rate limit's window. @default 60 */
  readonly createClipRateWindowSeconds?: number;
  /** Also accept an API key (development only), valid this long. @default no API key */
  readonly apiKeyExpiresAfter?: Duration;
  /**
   * What happens to the clip table and bucket when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly dataRemovalPolicy?: RemovalPolicy;
  /**
   * AWS WAF in front of the API (managed rule groups and a rate limit; about 7 USD a month plus
   * requests). False leaves the API without one.
   * @default true
   */
  readonly firewall?: boolean;
  /** @default DEFAULT_HANDLERS */
  readonly handlers?: readonly HandlerName[];
}

export class LiveToVodStackError extends Error {
  override readonly name = 'LiveToVodStackError';
}

/** Where the live channel's looped MP4 goes when no other source is given. */
export const DEFAULT_LIVE_SOURCE_KEY = 'live-source/loop.mp4';

// MediaPackage keeps at most 14 days of startover window.
const MAX_STARTOVER_SECONDS = 1_209_600;

export class LiveToVodStack extends Stack {
  readonly table: ClipTable;
  readonly storage: ClipStorage;
  readonly packaging: VodPackaging;
  readonly handlers: ClipHandlers;
  readonly clipsApi: ClipsApi;
  readonly events: ClipEvents;
  readonly firewall?: ApiFirewall;

  /** Where the live stream comes from; `liveChannel` when this stack runs one. */
  readonly live: { readonly originEndpointId: string; readonly playbackUrl?: string; readonly channel?: LiveChannel };

  /** Competitions that clip from another origin endpoint than `live`'s. */
  private readonly competitionOriginEndpoints: Readonly<Record<string, string>>;
  /** The MediaPackage v2 channels among them: their jobs need v2 grants and the bucket's policy. */
  private readonly v2Channels: readonly V2ChannelRef[];

  constructor(scope: Construct, id: string, props: LiveToVodStackProps) {
    super(scope, id, props);
    if ((props.originEndpointId === undefined) === (props.liveChannel === undefined)) {
      throw new LiveToVodStackError(
        'give exactly one live origin: -c originEndpointId=<existing MediaPackage origin endpoint id>, or -c liveChannel=true for a channel of this stack',
      );
    }
    if (props.originEndpointId !== undefined && !parseChannelRef(props.originEndpointId)) {
      throw new LiveToVodStackError(
        `originEndpointId '${props.originEndpointId}' is not a MediaPackage origin endpoint: pass -c originEndpointId=<id> (letters, digits, '_' and '-'), or a v2 one as v2:<channel group>/<channel>/<origin endpoint>/<HLS manifest>`,
      );
    }
    for (const [competition, endpoint] of Object.entries(props.competitionOriginEndpoints ?? {})) {
      if (!parseChannelRef(endpoint)) {
        throw new LiveToVodStackError(`competitionOriginEndpoints: '${endpoint}' of competition ${competition} is neither a MediaPackage origin endpoint id nor v2:<channel group>/<channel>/<origin endpoint>/<HLS manifest>`);
      }
    }
    const channelWindow = props.liveChannel ? (props.liveChannel.startoverWindowSeconds ?? 3600) : undefined;
    const startover = wholeSeconds('startoverWindowSeconds', props.startoverWindowSeconds ?? channelWindow ?? 3600, 60, MAX_STARTOVER_SECONDS);
    if (channelWindow !== undefined && startover > channelWindow) {
      throw new LiveToVodStackError(`startoverWindowSeconds (${startover}) must not exceed the live channel's startover window (${channelWindow}): the origin would not hold the range`);
    }
    const limits = {
      STARTOVER_WINDOW_SECONDS: startover,
      CLOCK_SKEW_SECONDS: wholeSeconds('clockSkewSeconds', props.clockSkewSeconds ?? 5, 0, 300),
      DEFAULT_CLIP_SECONDS: wholeSeconds('defaultClipSeconds', props.defaultClipSeconds ?? 60, 1, 86_400),
      CLIP_RETENTION_DAYS: wholeSeconds('clipRetentionDays', props.clipRetentionDays ?? 90, 0, 36_500),
      MAX_FUTURE_END_SECONDS: wholeSeconds('maxFutureEndSeconds', props.maxFutureEndSeconds ?? 300, 0, 86_400),
      [CREATE_CLIP_RATE_LIMIT]: wholeSeconds('createClipRateLimit', props.createClipRateLimit ?? DEFAULT_CREATE_CLIP_RATE.limit, 0, 100_000),
      [CREATE_CLIP_RATE_WINDOW_SECONDS]: wholeSeconds('createClipRateWindowSeconds', props.createClipRateWindowSeconds ?? DEFAULT_CREATE_CLIP_RATE.windowSeconds, 1, 86_400),
    };
    const removalPolicy = props.dataRemovalPolicy ?? RemovalPolicy.RETAIN;

    this.table = new ClipTable(this, 'ClipTable', { removalPolicy });
    this.storage = new ClipStorage(this, 'ClipStorage', { removalPolicy });
    this.packaging = new VodPackaging(this, 'VodPackaging');
    if (props.liveChannel) {
      const source = props.liveChannel.source ?? { bucket: this.storage.bucket, key: DEFAULT_LIVE_SOURCE_KEY };
      const channel = new LiveChannel(this, 'LiveChannel', { ...props.liveChannel, source });
      this.live = { originEndpointId: channel.originEndpointId, playbackUrl: channel.playbackUrl, channel };
    } else {
      this.live = { originEndpointId: props.originEndpointId ?? '', ...(props.livePlaybackUrl ? { playbackUrl: props.livePlaybackUrl } : {}) };
    }

    this.competitionOriginEndpoints = props.competitionOriginEndpoints ?? {};
    this.v2Channels = [this.live.originEndpointId, ...Object.values(this.competitionOriginEndpoints)]
      .map((endpoint) => parseChannelRef(endpoint))
      .filter((ref): ref is V2ChannelRef => ref?.version === 'v2');
    if (this.v2Channels.length > 0) this.storage.allowMediaPackageV2Harvests();

    const names = props.handlers ?? DEFAULT_HANDLERS;
    for (const [required, resolver] of [
      ['startHarvest', 'createClip'],
      ['describeLiveChannel', 'createClip'],
      ['removeClip', 'deleteClip'],
      ['listCompetitions', 'competitions'],
      ['cancelClip', 'cancelClip'],
    ] as const) {
      if (!names.includes(required)) throw new LiveToVodStackError(`handlers must include '${required}': it is the ${resolver} resolver's data source`);
    }
    this.handlers = new ClipHandlers(this, 'Handlers', {
      handlers: names.map((name) => this.handlerSpec(name, props)),
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
    });

    this.clipsApi = new ClipsApi(this, 'ClipsApi', {
      schemaFile: join(props.projectRoot, 'schema', 'schema.graphql'),
      resolvers: props.resolvers,
      tables: { clips: this.table.table },
      functions: Object.fromEntries(
        (['startHarvest', 'removeClip', 'listCompetitions', 'describeLiveChannel', 'cancelClip'] as const).map((name) => [name, this.handlers.get(name).fn]),
      ),
      environmentVariables: Object.fromEntries(Object.entries(limits).map(([name, value]) => [name, String(value)])),
      ...(props.apiKeyExpiresAfter ? { apiKeyExpiresAfter: props.apiKeyExpiresAfter } : {}),
    });
    if (props.firewall ?? true) this.firewall = new ApiFirewall(this, 'ApiFirewall', { apiArn: this.clipsApi.api.arn });
    // Publishing needs the API, and the API needs startHarvest: wired once both exist.
    for (const name of names) {
      if (!(HANDLERS[name].uses as readonly HandlerService[]).includes('publish')) continue;
      const { fn } = this.handlers.get(name);
      for (const [name, value] of Object.entries(handlerEnvironment({ publish: { graphqlUrl: this.clipsApi.api.graphqlUrl } }))) {
        fn.addEnvironment(name, value);
      }
      this.clipsApi.api.grantMutation(fn, 'publishClipUpdate');
    }

    const triggered = (trigger: HandlerDefinition['trigger']) => {
      const name = names.find((candidate) => HANDLERS[candidate].trigger === trigger);
      return name ? this.handlers.get(name) : undefined;
    };
    const harvestJobs = triggered('harvestJobEvents');
    const vodAssets = triggered('vodAssetEvents');
    const sweeper = triggered('schedule');
    const expiry = triggered('tableStream');
    if (expiry) this.table.streamTo(expiry.fn);
    this.events = new ClipEvents(this, 'ClipEvents', {
      rules: clipEventRules({ clipsBucketName: this.storage.bucket.bucketName, partition: this.partition, region: this.region, account: this.account }),
      ...(harvestJobs ? { harvestJobs } : {}),
      ...(vodAssets ? { vodAssets } : {}),
      ...(sweeper ? { sweeper } : {}),
    });

    this.addOutputs(props);
  }

  private handlerSpec(name: HandlerName, props: LiveToVodStackProps): ClipHandlerSpec {
    const definition: HandlerDefinition = HANDLERS[name];
    const services = definition.uses.map((service) => this.service(service));
    return {
      name,
      entry: join(props.projectRoot, 'functions', name, 'index.ts'),
      environment: Object.assign({ POWERTOOLS_SERVICE_NAME: 'clips' }, ...services.map((service) => service.environment)),
      grant: (fn) => {
        for (const service of services) service.grant?.(fn);
      },
      timeout: definition.timeout,
      asynchronous: isAsynchronous(definition.trigger),
    };
  }

  private service(service: HandlerService): Pick<ClipHandlerSpec, 'environment' | 'grant'> {
    const mediaPackageArn = (resource: string) => this.formatArn({ service: 'mediapackage', resource, resourceName: '*' });
    switch (service) {
      case 'store':
        return {
          environment: handlerEnvironment({ store: { clipsTable: this.table.table.tableName } }),
          // The calls clipStore makes; grant() covers the table and its indexes.
          grant: (fn) => {
            this.table.table.grant(fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem');
            acknowledge(fn, 'IAM5', 'Waiting and stuck clips are found through the table\'s own in-flight index; the grant names this table\'s indexes only', [
              `Resource::${nagAttribute(this.table.table)}/index/*`,
            ]);
          },
        };
      case 'live':
        return {
          environment: handlerEnvironment({
            live: { originEndpointId: this.live.originEndpointId, competitionOriginEndpoints: this.competitionOriginEndpoints },
          }),
          grant: (fn) => {
            // MediaPackage ARNs carry a generated id, not the endpoint's own id, so the policy can
            // name the resource type of this account and region, not single resources.
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediapackage:DescribeOriginEndpoint'], resources: [mediaPackageArn('origin_endpoints')] }));
            this.grantV2(fn, ['mediapackagev2:GetOriginEndpoint'], false);
            acknowledge(fn, 'IAM5', 'MediaPackage ARNs end in a generated id, not the id the handler knows: the resource type in this account and region is the narrowest scope', [
              `Resource::${nagArn(this, 'mediapackage', 'origin_endpoints/*')}`,
            ]);
          },
        };
      case 'harvestJobs':
        return {
          grant: (fn) => {
            // Harvest job ARNs carry a generated id, not the job id the handler chose.
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediapackage:DescribeHarvestJob'], resources: [mediaPackageArn('harvest_jobs')] }));
            this.grantV2(fn, ['mediapackagev2:GetHarvestJob', 'mediapackagev2:CancelHarvestJob'], true);
            acknowledge(fn, 'IAM5', 'MediaPackage ARNs end in a generated id, not the id the handler knows: the resource type in this account and region is the narrowest scope', [
              `Resource::${nagArn(this, 'mediapackage', 'harvest_jobs/*')}`,
            ]);
          },
        };
      case 'harvester':
        return {
          environment: handlerEnvironment({
            harvester: { clipsBucket: this.storage.bucket.bucketName, mediaPackageRoleArn: this.storage.harvestRole.role.roleArn },
          }),
          grant: (fn) => {
            // CreateHarvestJob defines no resource type (Service Authorization Reference,
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselementalmediapackage.html):
            // IAM authorizes it on "*" only, so a statement naming harvest_jobs/* never allows it.
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediapackage:CreateHarvestJob'], resources: ['*'] }));
            // v2 passes no role: it writes under the bucket's policy (ClipStorage).
            this.grantV2(fn, ['mediapackagev2:CreateHarvestJob'], true);
            this.storage.harvestRole.grantPass(fn);
            acknowledgeWildcardOnly(fn);
          },
        };
      case 'packager':
        return {
          environment: handlerEnvironment({
            packager: {
              packagingGroupId: this.packaging.groupId,
              clipsBucket: this.storage.bucket.bucketName,
              sourceRoleArn: this.storage.ingestRole.role.roleArn,
            },
          }),
          grant: (fn) => {
            // CreateAsset defines no resource type either (Service Authorization Reference,
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselementalmediapackagevod.html);
            // DescribeAsset takes assets/<id>, and asset ids are chosen per clip at run time.
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['mediapackage-vod:CreateAsset'], resources: ['*'] }));
            fn.addToRolePolicy(
              new iam.PolicyStatement({ actions: ['mediapackage-vod:DescribeAsset', 'mediapackage-vod:DeleteAsset'], resources: [this.packaging.assetArnPattern] }),
            );
            fn.addToRolePolicy(
              new iam.PolicyStatement({
                actions: ['mediapackage-vod:DescribePackagingConfiguration'],
                resources: this.packaging.configurations.map((configuration) => configuration.attrArn),
              }),
            );
            this.storage.ingestRole.grantPass(fn);
            acknowledge(fn, 'IAM5', 'A clip\'s asset id is made when the clip is packaged: the assets of this account and region are the narrowest scope', [
              `Resource::${nagArn(this, 'mediapackage-vod', 'assets/*')}`,
            ]);
            acknowledgeWildcardOnly(fn);
          },
        };
      case 'objects':
        return {
          environment: handlerEnvironment({ objects: { clipsBucket: this.storage.bucket.bucketName } }),
          // ListObjectsV2 needs s3:ListBucket on the bucket; DeleteObjects checks s3:DeleteObject
          // for every key (Amazon S3 API Reference, DeleteObjects: "Permissions").
          grant: (fn) => {
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.storage.bucket.bucketArn] }));
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [this.storage.bucket.arnForObjects('*')] }));
            acknowledge(fn, 'IAM5', 'A removed clip\'s files are found by listing its prefix at run time: the objects of the clips bucket are the narrowest scope', [
              `Resource::${nagAttribute(this.storage.bucket)}/*`,
            ]);
          },
        };
      case 'publish':
        // The API's URL and grantMutation are added once the API exists (see the constructor).
        return {};
    }
  }

  /**
   * v2 calls on the configured v2 channels. v2 ARNs are made of the names (Service Authorization
   * Reference, MediaPackage V2: channelGroup/<g>/channel/<c>/originEndpoint/<e>/harvestJob/<j>),
   * and each harvest-job action requires its ChannelGroup, Channel and OriginEndpoint as well as
   * the HarvestJob resource type, so the statement names all of them.
   */
  private grantV2(fn: lambda.IFunction, actions: string[], harvestJobs: boolean): void {
    if (this.v2Channels.length === 0) return;
    const arnOf = (path: string) => this.formatArn({ service: 'mediapackagev2', resource: 'channelGroup', resourceName: path });
    const resources = this.v2Channels.flatMap((ref) => {
      const endpoint = `${ref.channelGroup}/channel/${ref.channel}/originEndpoint/${ref.originEndpoint}`;
      return [arnOf(ref.channelGroup), arnOf(`${ref.channelGroup}/channel/${ref.channel}`), arnOf(endpoint), ...(harvestJobs ? [arnOf(`${endpoint}/harvestJob/*`)] : [])];
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [...new Set(resources)] }));
    if (harvestJobs) {
      acknowledge(fn, 'IAM5', 'A clip\'s v2 harvest job is named per clip at run time: the jobs of the configured origin endpoints are the narrowest scope', [
        ...new Set(this.v2Channels.map((ref) => `Resource::${nagArn(this, 'mediapackagev2', `channelGroup/${ref.channelGroup}/channel/${ref.channel}/originEndpoint/${ref.originEndpoint}/harvestJob/*`)}`)),
      ]);
    }
  }

  private addOutputs(props: LiveToVodStackProps): void {
    const output = (name: keyof typeof STACK_OUTPUTS, value: string, description: string) =>
      new CfnOutput(this, STACK_OUTPUTS[name], { value, description });
    output('graphqlUrl', this.clipsApi.api.graphqlUrl, 'AppSync GraphQL endpoint');
    output('realtimeUrl', this.clipsApi.realtimeUrl, 'AppSync real-time (WebSocket) endpoint');
    output('userPoolId', this.clipsApi.userPool.userPoolId, 'Cognito user pool apps sign in with');
    output('userPoolClientId', this.clipsApi.userPoolClient.userPoolClientId, 'Cognito app client id');
    output('region', this.region, 'Region of the API and the user pool');
    output('originEndpointId', this.live.originEndpointId, 'MediaPackage origin endpoint clips are harvested from');
    output('clipsBucket', this.storage.bucket.bucketName, 'Bucket of harvested clips');
    if (this.live.playbackUrl) output('livePlaybackUrl', this.live.playbackUrl, 'Live HLS playback URL');
    if (this.live.channel) {
      output('mediaLiveChannelId', this.live.channel.mediaLiveChannelId, 'MediaLive channel to start (and stop: it costs money while running)');
      if (!props.liveChannel?.source) output('liveSourceUrl', this.storage.bucket.s3UrlForObject(DEFAULT_LIVE_SOURCE_KEY), 'Upload the MP4 the live channel loops here');
    }
    if (this.clipsApi.api.apiKey && props.apiKeyExpiresAfter) output('apiKey', this.clipsApi.api.apiKey, 'Development API key');
  }
}

/** CreateHarvestJob and CreateAsset are allowed on "*" because IAM authorizes them on nothing else. */
function acknowledgeWildcardOnly(fn: IConstruct): void {
  acknowledge(fn, 'IAM5', 'mediapackage:CreateHarvestJob and mediapackage-vod:CreateAsset define no resource type: IAM allows them on "*" only', ['Resource::*']);
}

function wholeSeconds(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LiveToVodStackError(`${name} must be a whole number of seconds from ${min} to ${max}, got ${value}`);
  }
  return value;
}
