// The home the handler suites run: the `npm start` home (startLocalHome) in a temporary
// directory, with its encoder only where a suite harvests, the sweeper left to the suite, fast
// event retries, and instruments on top: every event the services emitted, a switch that loses
// events on their way to the handlers (through the home's delivery fault hook), the errors
// handlers threw, and the handlers themselves with some configuration replaced.
import { DescribeHarvestJobCommand, MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { GetHarvestJobCommand, MediaPackageV2Client } from '@aws-sdk/client-mediapackagev2';
import { MediaPackageVodClient } from '@aws-sdk/client-mediapackage-vod';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlerEnvironment, type HandlerSettings, type SweepSettings } from '../../../contracts/handlerEnvironment.ts';
import {
  HARVEST_JOB_NOTIFICATION,
  INPUT_NOTIFICATION,
  MEDIAPACKAGE_SOURCE,
  type HarvestJobNotification,
  type InputNotificationEvent,
} from '../../../contracts/events.ts';
import { PACKAGING_OUTPUTS } from '../../../contracts/packaging.ts';
import { harvestJobIdFor, type ClipKey } from '../../../functions/commons/clips.ts';
import type { ClipStore } from '../../../functions/commons/clipStore.ts';
import { v2EndpointNames } from '../../../functions/commons/liveChannels.ts';
import { servicesOf } from '../../../functions/commons/services.ts';
import { signedGraphqlClient } from '../../../functions/commons/signedGraphql.ts';
import { OnClipUpdatedDocument, PublishClipUpdateDocument, type OnClipUpdatedSubscription } from '../../../generated/operations/graphql.ts';
import { graphqlRequest, type GraphqlResponse } from '../../../local/client/graphqlRequest.ts';
import { subscribe, type Subscriber } from '../../../local/client/realtimeSubscriber.ts';
import type { DynamoDBFault, TimeToLive } from '../../../local/dynamodb/index.ts';
import type { EventBus } from '../../../local/eventbus/index.ts';
import type { LocalApi } from '../../../local/home/api.ts';
import { createHandlers, type DeliveryFault, type Handlers } from '../../../local/home/handlers.ts';
import { CLIPS_BUCKET, startLocalHome, VOD_SOURCE_ROLE_ARN, type LocalHome } from '../../../local/home/index.ts';
import type { LiveChannelView } from '../../../local/home/live.ts';
import type { MediaPackage } from '../../../local/mediapackage/index.ts';
import type { HarvestFault } from '../../../local/mediapackage-v2/index.ts';
import type { MediaPackageVod } from '../../../local/mediapackage-vod/index.ts';
import type { ObjectStore } from '../../../local/objectstore/index.ts';
import type { RequestFault } from '../../../local/rest/index.ts';

export const REGION = 'us-east-1';
/** The local services check no signature: any credentials do. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const BUCKET = CLIPS_BUCKET;
export { VOD_SOURCE_ROLE_ARN };
const configurationOf = (format: 'HLS' | 'DASH') => PACKAGING_OUTPUTS.find((output) => output.format === format)!.id;
export const HLS_CONFIGURATION = configurationOf('HLS');
export const DASH_CONFIGURATION = configurationOf('DASH');

export interface ClipFlowHomeOptions {
  /** Run the live encoder, with this harvest-job quota; without it the channel streams nothing. */
  live?: { harvestQuota: number };
  /** The MediaPackage version of the home's one channel. @default 'v1' (the fixtures' events are v1's) */
  version?: 'v1' | 'v2';
  /** Assets the VOD packaging group may hold. @default MediaPackage-VOD's 10,000 */
  vodAssetQuota?: number;
  /** Run the home's own sweeper on this schedule, with these settings. @default off: suites call sweepClips */
  sweep?: SweepSettings & { intervalMs: number };
  /** Stands between the bus and each handler, inside the `delivery` switch. @default every event delivered once */
  deliveryFault?: DeliveryFault;
  /** Makes MediaPackage v2 harvest jobs FAIL with the returned message. @default none */
  harvestFault?: HarvestFault;
  /** Answers DynamoDB requests with an error instead. @default none */
  dynamodbFault?: DynamoDBFault;
}

export interface ClipFlowHome {
  /** The `npm start` home underneath, with its restart seams. */
  local: LocalHome;
  objectStore: ObjectStore;
  bus: EventBus;
  api: LocalApi;
  vod: MediaPackageVod;
  vodClient: MediaPackageVodClient;
  mediaPackage: MediaPackage;
  mediaPackageClient: MediaPackageClient;
  /** The home's one channel, of `version`. */
  channel: LiveChannelView;
  /** The clip's harvest job as its MediaPackage version tells it. */
  harvestJob(clip: ClipKey): Promise<{ createdAt: Date | undefined; succeeded: boolean }>;
  dynamodbEndpoint: string;
  /** The clips table as the handlers see it. */
  store: ClipStore;
  /** Turn off to lose the events of that kind on their way to the handlers (EventBridge is best effort). */
  delivery: { harvestEvents: boolean; vodEvents: boolean };
  /** Every event the services emitted, delivered or not. */
  harvestEvents: HarvestJobNotification[];
  vodEvents: InputNotificationEvent[];
  /** Set to answer MediaPackage-VOD requests with this fault (an internal error, say) until cleared. */
  vodFault: { current?: RequestFault };
  /** The clip table's time to live: `sweep()` expires what is due. */
  timeToLive: TimeToLive;
  /** Errors handlers threw at the bus (each is retried). */
  handlerErrors: unknown[];
  /** The home's handlers, as deployed; `settings` replaces some of their configuration. */
  handlers(settings?: HandlerSettings): Handlers;
  app<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<GraphqlResponse<T>>;
  /** A competition's onClipUpdated pushes, with `settle()` to wait until every earlier push has arrived. */
  watch(competition: string): Promise<Watch>;
  stop(): Promise<void>;
}

export interface Watch {
  subscriber: Subscriber<OnClipUpdatedSubscription>;
  /** Pushes so far (sentinels left out), once every publish made before this call has been delivered. */
  settle(): Promise<Array<NonNullable<OnClipUpdatedSubscription['onClipUpdated']>>>;
}

const quiet = (): void => {};

export async function startClipFlowHome(options: ClipFlowHomeOptions = {}): Promise<ClipFlowHome> {
  const dir = await mkdtemp(join(tmpdir(), 'clip-flow-'));
  const delivery = { harvestEvents: true, vodEvents: true };
  const isDelivered: Record<string, () => boolean> = { packageClip: () => delivery.harvestEvents, clipPlayable: () => delivery.vodEvents };
  const handlerErrors: unknown[] = [];
  const vodFault: { current?: RequestFault } = {};
  const local = await startLocalHome({
    dataDir: dir,
    channels: [{ id: 'live', originEndpointId: 'live-hls', version: options.version ?? 'v1' }],
    encoders: options.live !== undefined,
    harvestQuota: options.live?.harvestQuota,
    vodAssetQuota: options.vodAssetQuota,
    startoverWindowSeconds: 300,
    sweepIntervalMs: options.sweep?.intervalMs ?? 'off',
    ...(options.sweep ? { sweep: { recheckAfterSeconds: options.sweep.recheckAfterSeconds, giveUpAfterFailedRechecks: options.sweep.giveUpAfterFailedRechecks } } : {}),
    eventRetry: { baseDelayMs: 50, maxDelayMs: 500 },
    faults: {
      mediaPackageVod: (request) => vodFault.current?.(request),
      ...(options.harvestFault ? { harvest: options.harvestFault } : {}),
      ...(options.dynamodbFault ? { dynamodb: options.dynamodbFault } : {}),
      async delivery(route, event, handle) {
        if (!(isDelivered[route]?.() ?? true)) return;
        try {
          await (options.deliveryFault ? options.deliveryFault(route, event, handle) : handle());
        } catch (error) {
          handlerErrors.push(error);
          throw error;
        }
      },
    },
    log: quiet,
  });
  const { api, eventBus: bus, mediaPackage, vod } = local;
  const vodClient = new MediaPackageVodClient({ endpoint: vod.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  const mediaPackageClient = new MediaPackageClient({ endpoint: mediaPackage.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  const mediaPackageV2Client = new MediaPackageV2Client({ endpoint: local.mediaPackageV2.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  const [channel] = local.channels;
  if (!channel) throw new Error('the clip-flow home has one channel');
  const harvestJob = async (clip: ClipKey) => {
    if (channel.ref.version === 'v1') {
      const job = await mediaPackageClient.send(new DescribeHarvestJobCommand({ Id: harvestJobIdFor(clip) }));
      return { createdAt: job.CreatedAt ? new Date(job.CreatedAt) : undefined, succeeded: job.Status === 'SUCCEEDED' };
    }
    const job = await mediaPackageV2Client.send(new GetHarvestJobCommand({ ...v2EndpointNames(channel.ref), HarvestJobName: harvestJobIdFor(clip) }));
    return { createdAt: job.CreatedAt, succeeded: job.Status === 'COMPLETED' };
  };
  const handlers = createHandlers(api.handlerServices);

  const home: ClipFlowHome = {
    local,
    objectStore: local.objectStore,
    bus,
    api,
    vod,
    vodClient,
    mediaPackage,
    mediaPackageClient,
    channel,
    harvestJob,
    dynamodbEndpoint: local.dynamodbEndpoint,
    store: api.handlerServices.store(),
    delivery,
    vodFault,
    timeToLive: local.timeToLive,
    harvestEvents: [],
    vodEvents: [],
    handlerErrors,
    handlers: (settings) => (settings ? createHandlers(servicesOf({ ...api.handlerEnvironment, ...handlerEnvironment(settings) })) : handlers),
    app: (document, variables) => graphqlRequest(api.graphqlUrl, api.credentials.apiKey.id, document, variables),
    watch: (competition) => watch(api, competition),
    async stop() {
      vodClient.destroy();
      mediaPackageClient.destroy();
      mediaPackageV2Client.destroy();
      await local.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  // Every event as the services emitted it, delivered or not.
  const record =
    <E>(events: E[]) =>
    async (event: unknown) => {
      events.push(event as E);
    };
  bus.subscribe({ source: [MEDIAPACKAGE_SOURCE], 'detail-type': [HARVEST_JOB_NOTIFICATION] }, record(home.harvestEvents), { name: 'harvestEvents' });
  bus.subscribe({ source: [MEDIAPACKAGE_SOURCE], 'detail-type': [INPUT_NOTIFICATION] }, record(home.vodEvents), { name: 'vodEvents' });
  return home;
}

async function watch(api: LocalApi, competition: string): Promise<Watch> {
  const subscriber = await subscribe<OnClipUpdatedSubscription>({
    realtimeUrl: api.realtimeUrl,
    graphqlUrl: api.graphqlUrl,
    apiKey: api.credentials.apiKey.id,
    query: print(OnClipUpdatedDocument),
    variables: { competition },
  });
  const backend = signedGraphqlClient({
    url: api.graphqlUrl,
    region: REGION,
    credentials: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
  });
  let sentinels = 0;
  const isSentinel = (clipId: string) => clipId.startsWith('sentinel-');
  return {
    subscriber,
    // Pushes keep publish order: once a sentinel published now arrives, so has everything before it.
    async settle() {
      sentinels += 1;
      const now = new Date().toISOString();
      await backend(PublishClipUpdateDocument, {
        input: {
          competition,
          clipId: `sentinel-${sentinels}`,
          status: 'PENDING',
          startTime: now,
          endTime: now,
          durationSeconds: 0,
          manifests: [],
          createdAt: now,
          updatedAt: now,
        },
      });
      const sentinelCount = () => subscriber.received.filter((push) => isSentinel(String(push.onClipUpdated?.clipId))).length;
      for (;;) {
        if (sentinelCount() >= sentinels) break;
        await subscriber.waitFor(subscriber.received.length + 1);
      }
      return subscriber.received
        .map((push) => push.onClipUpdated)
        .filter((clip): clip is NonNullable<typeof clip> => !!clip && !isSentinel(String(clip.clipId)));
    },
  };
}
