// The parts the clip-flow handlers work with, all real and local: the clips table on dynalite,
// the local API (AppSync runtime with the project's resolvers and the real startHarvest), the
// local MediaPackage-VOD over an object store, the event bus delivering to packageClip and
// clipPlayable, and (for suites that harvest) the local MediaPackage fed by a live encoder.
// Handlers read their configuration from the environment, as on AWS: this sets it.
import { MediaPackageClient } from '@aws-sdk/client-mediapackage';
import {
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  MediaPackageVodClient,
} from '@aws-sdk/client-mediapackage-vod';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClipStore } from '../../../functions/commons/clipStore.ts';
import {
  HARVEST_JOB_NOTIFICATION,
  INPUT_NOTIFICATION,
  MEDIAPACKAGE_SOURCE,
  type HarvestJobNotification,
  type InputNotificationEvent,
} from '../../../contracts/events.ts';
import { signedGraphqlClient } from '../../../functions/commons/signedGraphql.ts';
import { handlerEnvironment, type HandlerSettings } from '../../../contracts/handlerEnvironment.ts';
import { servicesOf } from '../../../functions/commons/services.ts';
import { createHandlers, eventRoutes, type Handlers } from '../../../local/home/handlers.ts';
import { clipEventRules } from '../../../contracts/eventRules.ts';
import {
  OnClipUpdatedDocument,
  PublishClipUpdateDocument,
  type OnClipUpdatedSubscription,
} from '../../../generated/operations/graphql.ts';
import { startDynamoDB, type DynamoDBServer } from '../../../local/dynamodb/index.ts';
import { startEncoder, type Encoder } from '../../../local/encoder/index.ts';
import { createEventBus, type EventBus } from '../../../local/eventbus/index.ts';
import { startLocalApi, type LocalApi } from '../../../local/home/api.ts';
import { startMediaPackage, type MediaPackage } from '../../../local/mediapackage/index.ts';
import { startMediaPackageVod, type MediaPackageVod } from '../../../local/mediapackage-vod/index.ts';
import { createObjectStore, type ObjectStore } from '../../../local/objectstore/index.ts';
import { graphqlRequest, type GraphqlResponse } from '../../../local/client/graphqlRequest.ts';
import { subscribe, type Subscriber } from '../../../local/client/realtimeSubscriber.ts';

export const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
/** The local services check no signature: any credentials do. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const BUCKET = 'clips';
export const PACKAGING_GROUP = 'clips';
export const HLS_CONFIGURATION = 'clips-hls';
export const DASH_CONFIGURATION = 'clips-dash';
const ORIGIN_ENDPOINT = 'live-hls';
export const VOD_SOURCE_ROLE_ARN = 'arn:aws:iam::000000000000:role/MediaPackageVodSource';

export interface ClipFlowHomeOptions {
  /** Also run the local MediaPackage with a live encoder, with this harvest-job quota. */
  live?: { harvestQuota: number };
  /** Package DASH beside HLS. @default false */
  dash?: boolean;
}

export interface ClipFlowHome {
  objectStore: ObjectStore;
  bus: EventBus;
  api: LocalApi;
  vod: MediaPackageVod;
  vodClient: MediaPackageVodClient;
  mediaPackage?: MediaPackage;
  mediaPackageClient?: MediaPackageClient;
  dynamodbEndpoint: string;
  /** The clips table as the handlers see it. */
  store: ClipStore;
  /** Turn off to lose the events of that kind on their way to the handlers (EventBridge is best effort). */
  delivery: { harvestEvents: boolean; vodEvents: boolean };
  /** Every event the services emitted, delivered or not. */
  harvestEvents: HarvestJobNotification[];
  vodEvents: InputNotificationEvent[];
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
  const objectStore = createObjectStore({ root: join(dir, 'objects') });
  const bus = createEventBus({ log: quiet, retry: { baseDelayMs: 50, maxDelayMs: 500 } });
  const dynamodb: DynamoDBServer = await startDynamoDB({ log: quiet });
  const vod = await startMediaPackageVod({ dataDir: join(dir, 'vod'), objectStore, eventBus: bus, log: quiet, region: REGION });
  const vodClient = new MediaPackageVodClient({ endpoint: vod.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  await vodClient.send(new CreatePackagingGroupCommand({ Id: PACKAGING_GROUP }));
  await vodClient.send(
    new CreatePackagingConfigurationCommand({
      Id: HLS_CONFIGURATION,
      PackagingGroupId: PACKAGING_GROUP,
      HlsPackage: { SegmentDurationSeconds: 6, HlsManifests: [{ ManifestName: 'index' }] },
    }),
  );
  if (options.dash) {
    await vodClient.send(
      new CreatePackagingConfigurationCommand({
        Id: DASH_CONFIGURATION,
        PackagingGroupId: PACKAGING_GROUP,
        DashPackage: { SegmentDurationSeconds: 6, DashManifests: [{ ManifestName: 'index' }] },
      }),
    );
  }

  let mediaPackage: MediaPackage | undefined;
  let encoder: Encoder | undefined;
  let mediaPackageClient: MediaPackageClient | undefined;
  if (options.live) {
    mediaPackage = await startMediaPackage({
      dataDir: join(dir, 'mediapackage'),
      objectStore,
      eventBus: bus,
      harvestQuota: options.live.harvestQuota,
      startoverWindowSeconds: 300,
      channels: [{ id: 'live', originEndpointId: ORIGIN_ENDPOINT }],
      region: REGION,
      log: quiet,
    });
    encoder = await startEncoder({ ingestUrl: mediaPackage.channels[0]!.ingestUrl, log: quiet });
    mediaPackageClient = new MediaPackageClient({ endpoint: mediaPackage.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  }

  const api = await startLocalApi({
    dataDir: join(dir, 'api'),
    dynamodbEndpoint: dynamodb.endpoint,
    region: REGION,
    handlers: {
      harvester: {
        // Suites without a live origin never start a harvest; nothing listens there.
        mediaPackageEndpoint: mediaPackage?.url ?? 'http://127.0.0.1:9',
        originEndpointId: ORIGIN_ENDPOINT,
        clipsBucket: BUCKET,
        mediaPackageRoleArn: 'arn:aws:iam::000000000000:role/MediaPackageHarvest',
      },
      packager: {
        mediaPackageVodEndpoint: vod.endpoint,
        packagingGroupId: PACKAGING_GROUP,
        clipsBucket: BUCKET,
        sourceRoleArn: VOD_SOURCE_ROLE_ARN,
      },
    },
    log: quiet,
  });

  const handlers = createHandlers(api.handlerServices);
  const store = api.handlerServices.store();

  const home: ClipFlowHome = {
    objectStore,
    bus,
    api,
    vod,
    vodClient,
    mediaPackage,
    mediaPackageClient,
    dynamodbEndpoint: dynamodb.endpoint,
    store,
    delivery: { harvestEvents: true, vodEvents: true },
    harvestEvents: [],
    vodEvents: [],
    handlerErrors: [],
    handlers: (settings) => (settings ? createHandlers(servicesOf({ ...api.handlerEnvironment, ...handlerEnvironment(settings) })) : handlers),
    app: (document, variables) => graphqlRequest(api.graphqlUrl, api.credentials.apiKey.id, document, variables),
    watch: (competition) => watch(api, competition),
    async stop() {
      bus.stop();
      await encoder?.stop();
      mediaPackageClient?.destroy();
      await mediaPackage?.stop();
      vodClient.destroy();
      await vod.stop();
      await api.stop();
      await dynamodb.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };

  // Every event is recorded as the services emitted it; handlers get only what the deployed rules
  // let through, as in the npm start home.
  const record =
    <E>(events: E[]) =>
    async (event: unknown) => {
      events.push(event as E);
    };
  bus.subscribe({ source: [MEDIAPACKAGE_SOURCE], 'detail-type': [HARVEST_JOB_NOTIFICATION] }, record(home.harvestEvents), { name: 'harvestEvents' });
  bus.subscribe({ source: [MEDIAPACKAGE_SOURCE], 'detail-type': [INPUT_NOTIFICATION] }, record(home.vodEvents), { name: 'vodEvents' });
  const delivered = { packageClip: () => home.delivery.harvestEvents, clipPlayable: () => home.delivery.vodEvents };
  const rules = clipEventRules({ clipsBucketName: BUCKET, partition: 'aws', region: REGION, account: ACCOUNT });
  for (const route of eventRoutes(rules)) {
    const handler = route.createHandler(api.handlerServices);
    const isDelivered = delivered[route.name as keyof typeof delivered];
    bus.subscribe(
      route.pattern,
      async (event) => {
        if (!isDelivered()) return;
        try {
          await handler(event as never);
        } catch (error) {
          home.handlerErrors.push(error);
          throw error;
        }
      },
      { name: route.name },
    );
  }
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
