// The whole local home in one process tree: DynamoDB server, object store, event bus, live
// encoders, MediaPackage v1 and v2 (origins + harvest jobs), MediaPackage-VOD, the AppSync API and the
// handlers on the bus. Every piece is a real server speaking its AWS service's API; the same
// resolvers and handlers run here as on AWS. `npm start` and every test that needs a home start
// it through startLocalHome, with the seams below.
import { mkdir } from 'node:fs/promises';
import { stop as stopEsbuildService } from 'esbuild';
import { join, resolve } from 'node:path';
import { clipEventRules } from '../../contracts/eventRules.ts';
import type { SweepSettings } from '../../contracts/handlerEnvironment.ts';
import { writeOutputs, type ClipsOutputs } from '../../contracts/outputs.ts';
import { PACKAGING_GROUP_ID } from '../../contracts/packaging.ts';
import { startDynamoDB, type DynamoDBFault, type TimeToLive } from '../dynamodb/index.ts';
import { createEventBus, type EventBus, type RetryPolicy } from '../eventbus/index.ts';
import { findFfmpeg, type FfmpegBinary } from '../ffmpeg/index.ts';
import type { MediaPackage } from '../mediapackage/index.ts';
import type { HarvestFault, MediaPackageV2 } from '../mediapackage-v2/index.ts';
import type { MediaPackageVod } from '../mediapackage-vod/index.ts';
import { createObjectStore, startObjectStoreHttp, type ObjectStore } from '../objectstore/index.ts';
import type { RequestFault } from '../rest/index.ts';
import { describeBundle, pageBundle } from '../../web/bundle.ts';
import { startLocalApi, type LocalApi, type LocalAuthMode, type LocalSignInOptions } from './api.ts';
import { pageHandler } from './page.ts';
import { wireHandlers, type DeliveryFault } from './handlers.ts';
import { formatChannelRef } from '../../contracts/liveChannel.ts';
import { startLive, type LiveChannel, type LiveChannelView } from './live.ts';
import { localOutputs } from './outputs.ts';
import { createTeardown } from './part.ts';
import { startRetention } from './retention.ts';
import { clipTraceIdOfEvent } from './tracing.ts';
import { startVod } from './vod.ts';
import { CREATE_CLIP_RATE_LIMIT, CREATE_CLIP_RATE_WINDOW_SECONDS, DEFAULT_CREATE_CLIP_RATE } from '../../contracts/createClipRate.ts';

export interface LocalHomePorts {
  api?: number;
  /** HTTPS/WSS for AWS Amplify; off when undefined. */
  apiTls?: number;
  dynamodb?: number;
  mediaPackage?: number;
  mediaPackageV2?: number;
  mediaPackageVod?: number;
  /** The object store's S3 API (the handlers delete removed clips' files through it). */
  objectStore?: number;
}

/** Where a test makes the home misbehave as AWS may; none is set by `npm start`. */
export interface LocalHomeFaults {
  /** Stands between the event bus and each handler (drop, repeat, delay or fail a delivery). */
  delivery?: DeliveryFault;
  /** Answers MediaPackage API requests with an error instead (throttled, refused, unavailable). */
  mediaPackage?: RequestFault;
  /** The same for MediaPackage v2. */
  mediaPackageV2?: RequestFault;
  /** The same for MediaPackage-VOD (CreateAsset throttled, for example). */
  mediaPackageVod?: RequestFault;
  /** Makes a MediaPackage v2 harvest job FAIL with the returned message when it starts. */
  harvest?: HarvestFault;
  /** Answers DynamoDB requests with an error instead (every client of the table: resolvers, handlers). */
  dynamodb?: DynamoDBFault;
}

export interface LocalHomeOptions {
  /** Everything the home keeps. @default '.data' */
  dataDir?: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default every service on an ephemeral port, TLS off */
  ports?: LocalHomePorts;
  /** How far back clips may start. @default 3600 */
  startoverWindowSeconds?: number;
  /** Harvest jobs in progress at once: MediaPackage v1's quota per account, v2's per channel group. @default 10 */
  harvestQuota?: number;
  /** Assets the VOD packaging group may hold, as MediaPackage-VOD's quota. @default 10,000 */
  vodAssetQuota?: number;
  /** 'testsrc' (a test pattern with a clock and a tone) or a media file to loop. @default 'testsrc' */
  source?: string;
  /** Live channels; the first is the default every competition clips from. @default DEFAULT_CHANNELS */
  channels?: LiveChannel[];
  /** Run an encoder per channel. Off, the channels stream nothing (suites that bring their own media). @default true */
  encoders?: boolean;
  /** The ffmpeg to run, used as given or refused. @default FFMPEG_PATH, else a system ffmpeg newer than 4.1, else the npm one */
  ffmpegPath?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** Clips expire this many days after they were made; 0 keeps them. @default 90 */
  retentionDays?: number;
  /** createClip's per-caller rate limit; `limit` 0 turns it off. @default DEFAULT_CREATE_CLIP_RATE (30 per 60 s), as the AWS home's */
  createClipRate?: { limit: number; windowSeconds: number };
  /** How often time to live looks for expired clips. @default 60000 */
  timeToLiveIntervalMs?: number;
  /** How often the sweeper re-checks stuck clips and starts waiting ones; 'off' for none. @default 30000 */
  sweepIntervalMs?: number | 'off';
  /** When the sweeper re-checks a clip, and gives up on one whose step keeps failing. @default the handlers' (SWEEP_* in contracts/handlerEnvironment.ts) */
  sweep?: SweepSettings;
  /** How the event bus retries a handler that throws. @default the bus's own policy */
  eventRetry?: Partial<RetryPolicy>;
  /** @default none */
  faults?: LocalHomeFaults;
  /**
   * The MediaPackage API startHarvest calls. A test points it at a double when it needs harvests
   * of ranges the local origin never streamed. @default the home's own MediaPackage
   */
  harvestApi?: string;
  /**
   * 'cognito' runs the API in the AWS home's auth shape: Cognito user pools by default, IAM for
   * the backend, no API key. @default 'api-key'
   */
  auth?: LocalAuthMode;
  /**
   * Answer Cognito's InitiateAuth for these named users and groups (the page's and scripts' sign-in),
   * checking no password: whoever reaches the API's port may sign in as any of them. @default off
   */
  localSignIn?: LocalSignInOptions;
  /** @default console.log */
  log?: (message: string) => void;
}

export type { LocalAuthMode, LocalSignInOptions } from './api.ts';

export interface LocalHome {
  outputs: ClipsOutputs;
  /** The player page, at the API's root. */
  pageUrl: string;
  /** The ffmpeg the encoder and the VOD packager run. */
  ffmpeg: FfmpegBinary;
  outputsFile: string;
  /** The parts, for scripts and tests that look inside. */
  api: LocalApi;
  eventBus: EventBus;
  objectStore: ObjectStore;
  /** The table's time to live: `sweep()` expires what is due now. */
  timeToLive: TimeToLive;
  /** MediaPackage v1, with the home's v1 channels. */
  mediaPackage: MediaPackage;
  /** MediaPackage v2, with the home's v2 channels (group `live`). */
  mediaPackageV2: MediaPackageV2;
  /** Every channel, of either version, in the order configured. */
  channels: LiveChannelView[];
  vod: MediaPackageVod;
  dynamodbEndpoint: string;
  /** Stops the DynamoDB server, runs `whileDown`, and starts it again on the same port and data (a fault for tests). */
  restartDynamoDB(whileDown?: () => Promise<void>): Promise<void>;
  /** The same for both MediaPackage origins and the encoders; v2's jobs in progress resume. */
  restartLive(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export type { LiveChannel } from './live.ts';

export const DEFAULT_CHANNELS: LiveChannel[] = [{ id: 'live', originEndpointId: 'live-hls' }];

/** A channel's id names a competition too: the one the page shows on it. */
function competitionOriginEndpoints(channels: readonly LiveChannelView[]): Record<string, string> {
  return Object.fromEntries(
    channels.flatMap((channel) => [channel.id, ...channel.competitions].map((competition) => [competition, formatChannelRef(channel.ref)])),
  );
}
export const CLIPS_BUCKET = 'clips';
// As the AWS home's default (infra/stacks/LiveToVodStack.ts, clipRetentionDays).
const DEFAULT_RETENTION_DAYS = 90;
const ACCOUNT = '000000000000';
// The local stores check no roles; the ARNs are what MediaPackage and MediaPackage-VOD would
// assume on AWS.
const MEDIAPACKAGE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MediaPackageClipsAccess`;
export const VOD_SOURCE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MediaPackageVodClipsSource`;

export async function startLocalHome(options: LocalHomeOptions = {}): Promise<LocalHome> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const region = options.region ?? 'us-east-1';
  const channels = options.channels ?? DEFAULT_CHANNELS;
  const log = options.log ?? ((message: string) => console.log(message));
  const teardown = createTeardown(log);

  try {
    // Before any server starts: an unusable ffmpeg is reported at once, with what to do.
    const ffmpeg = await findFfmpeg({ path: options.ffmpegPath });
    if (ffmpeg.passedOver) log(`[home] ${ffmpeg.passedOver}: using ${ffmpeg.origin} instead`);
    log(`[home] ffmpeg ${ffmpeg.version ?? '(version not stated)'} from ${ffmpeg.origin}: ${ffmpeg.path}`);
    await mkdir(dataDir, { recursive: true });
    log(`[home] data in ${dataDir}`);

    const startTable = (port: number | undefined) =>
      startDynamoDB({ dataDir: join(dataDir, 'dynamodb'), host, port, ...(options.faults?.dynamodb ? { fault: options.faults.dynamodb } : {}), log });
    let dynamodb = await startTable(ports.dynamodb);
    teardown.add(() => dynamodb.stop());
    const objectStore = createObjectStore({ root: join(dataDir, 'objects') });
    const objectStoreHttp = await startObjectStoreHttp({ store: objectStore, host, port: ports.objectStore, log });
    teardown.add(() => objectStoreHttp.stop());
    const eventBus = createEventBus({
      log,
      region,
      account: ACCOUNT,
      traceIdOf: clipTraceIdOfEvent,
      ...(options.eventRetry ? { retry: options.eventRetry } : {}),
    });
    teardown.add(() => eventBus.stop());

    const part = { dataDir, objectStore, eventBus, host, region, account: ACCOUNT, log };
    const live = await startLive(
      {
        ...part,
        channels,
        startoverWindowSeconds: options.startoverWindowSeconds ?? 3600,
        harvestQuota: options.harvestQuota,
        ports: { v1: ports.mediaPackage, v2: ports.mediaPackageV2 },
        encoders: options.encoders ?? true,
        source: options.source,
        ffmpeg,
        faults: { v1: options.faults?.mediaPackage, v2: options.faults?.mediaPackageV2, harvest: options.faults?.harvest },
      },
      teardown,
    );
    const vod = await startVod(
      { ...part, port: ports.mediaPackageVod, ffmpegPath: ffmpeg.path, fault: options.faults?.mediaPackageVod, assetQuota: options.vodAssetQuota },
      teardown,
    );

    const page = await pageBundle();
    log(`[home] player page: ${describeBundle(page)}`);
    // The page's config is the outputs, known once the API listens; until then it answers 503.
    const served: { outputs?: ClipsOutputs } = {};
    const api = await startLocalApi({
      dataDir,
      dynamodbEndpoint: dynamodb.endpoint,
      region,
      handlers: {
        live: {
          mediaPackageEndpoint: options.harvestApi ?? live.v1.url,
          mediaPackageV2Endpoint: live.v2.url,
          originEndpointId: formatChannelRef(live.defaultChannel.ref),
          competitionOriginEndpoints: competitionOriginEndpoints(live.channels),
        },
        harvester: { clipsBucket: CLIPS_BUCKET, mediaPackageRoleArn: MEDIAPACKAGE_ROLE_ARN },
        packager: { mediaPackageVodEndpoint: vod.endpoint, packagingGroupId: PACKAGING_GROUP_ID, clipsBucket: CLIPS_BUCKET, sourceRoleArn: VOD_SOURCE_ROLE_ARN },
        objects: { clipsBucket: CLIPS_BUCKET, s3Endpoint: objectStoreHttp.url },
        ...(options.sweep ? { sweep: options.sweep } : {}),
      },
      resolverEnv: {
        STARTOVER_WINDOW_SECONDS: String(options.startoverWindowSeconds ?? 3600),
        CLIP_RETENTION_DAYS: String(options.retentionDays ?? DEFAULT_RETENTION_DAYS),
        [CREATE_CLIP_RATE_LIMIT]: String(options.createClipRate?.limit ?? DEFAULT_CREATE_CLIP_RATE.limit),
        [CREATE_CLIP_RATE_WINDOW_SECONDS]: String(options.createClipRate?.windowSeconds ?? DEFAULT_CREATE_CLIP_RATE.windowSeconds),
      },
      host,
      port: ports.api,
      tlsPort: ports.apiTls,
      page: pageHandler(page, () => served.outputs),
      ...(options.auth ? { auth: options.auth } : {}),
      ...(options.localSignIn ? { localSignIn: options.localSignIn } : {}),
      log,
    });
    teardown.add(() => api.stop());

    const sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    const handlers = wireHandlers({
      eventBus,
      rules: clipEventRules({ clipsBucketName: CLIPS_BUCKET, partition: 'aws', region, account: ACCOUNT }),
      services: api.handlerServices,
      sweepIntervalMs,
      ...(options.faults?.delivery ? { deliveryFault: options.faults.delivery } : {}),
      log,
    });
    teardown.add(() => handlers.stop());
    const timeToLive = startRetention(
      {
        dynamodbEndpoint: dynamodb.endpoint,
        tableName: api.clipsTable,
        region,
        account: ACCOUNT,
        credentials: api.credentials.iam,
        services: api.handlerServices,
        intervalMs: options.timeToLiveIntervalMs ?? 60_000,
        log,
      },
      teardown,
    );
    const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    log(
      `[home] handlers packageClip, clipPlayable on the event bus; sweepClips ${sweepIntervalMs === 'off' ? 'off' : `every ${sweepIntervalMs / 1000} s`}; ` +
        `expireClips on time to live (${retentionDays === 0 ? 'clips kept' : `clips expire after ${retentionDays} days`})`,
    );

    // Everything the home bundles (resolvers, page) is built. esbuild's build() otherwise keeps
    // its service process, about 100 MB resident, for the life of ours; a later build starts it
    // again.
    await stopEsbuildService();

    const outputs = localOutputs(api, live.channels);
    served.outputs = outputs;
    const outputsFile = join(dataDir, 'outputs.json');
    await writeOutputs(outputsFile, outputs);
    return {
      outputs,
      pageUrl: new URL('/', api.graphqlUrl).href,
      ffmpeg,
      outputsFile,
      api,
      eventBus,
      objectStore,
      timeToLive,
      get mediaPackage() {
        return live.v1;
      },
      get mediaPackageV2() {
        return live.v2;
      },
      channels: live.channels,
      vod,
      dynamodbEndpoint: dynamodb.endpoint,
      async restartDynamoDB(whileDown) {
        await dynamodb.stop();
        log('[home] DynamoDB stopped');
        try {
          await whileDown?.();
        } finally {
          dynamodb = await startTable(Number(new URL(dynamodb.endpoint).port));
        }
      },
      restartLive: (whileDown) => live.restart(whileDown),
      stop: () => teardown.run(),
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
