// The whole local home in one process tree: DynamoDB server, object store, event bus, live
// encoder, MediaPackage (origin + harvest jobs), MediaPackage-VOD, the AppSync API and the
// handlers on the bus. Every piece is a real server speaking its AWS service's API; the same
// resolvers and handlers run here as on AWS.
import { MediaPackageVodClient } from '@aws-sdk/client-mediapackage-vod';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { clipEventRules } from '../../contracts/eventRules.ts';
import { PACKAGING_GROUP_ID } from '../../contracts/packaging.ts';
import { startDynamoDB } from '../dynamodb/index.ts';
import { startEncoder, type Encoder } from '../encoder/index.ts';
import { createEventBus } from '../eventbus/index.ts';
import { findFfmpeg, type FfmpegBinary } from '../ffmpeg/index.ts';
import { startMediaPackage, type ChannelConfig } from '../mediapackage/index.ts';
import { startMediaPackageVod } from '../mediapackage-vod/index.ts';
import { createObjectStore } from '../objectstore/index.ts';
import { startLocalApi } from './api.ts';
import { writeOutputs, type ClipsOutputs } from '../../contracts/outputs.ts';
import { wireHandlers } from './handlers.ts';
import { ensureVodPackaging } from './vodPackaging.ts';

export interface LocalHomePorts {
  api?: number;
  /** HTTPS/WSS for AWS Amplify; off when undefined. */
  apiTls?: number;
  dynamodb?: number;
  mediaPackage?: number;
  mediaPackageVod?: number;
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
  /** Harvest jobs in progress at once, as MediaPackage's quota. @default 10 */
  harvestQuota?: number;
  /** 'testsrc' (a test pattern with a clock and a tone) or a media file to loop. @default 'testsrc' */
  source?: string;
  /** Live channels; the first is the default every competition clips from. */
  channels?: LiveChannel[];
  /** The ffmpeg to run, used as given or refused. @default FFMPEG_PATH, else a system ffmpeg newer than 4.1, else the npm one */
  ffmpegPath?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** How often the sweeper re-checks stuck clips and starts waiting ones. @default 30000 */
  sweepIntervalMs?: number;
  log?: (message: string) => void;
}

export interface LocalHome {
  outputs: ClipsOutputs;
  /** The ffmpeg the encoder and the VOD packager run. */
  ffmpeg: FfmpegBinary;
  outputsFile: string;
  stop(): Promise<void>;
}

/** A live channel, and the competitions clipped from it (every other one clips from the first). */
export interface LiveChannel extends ChannelConfig {
  competitions?: string[];
}

export const DEFAULT_CHANNELS: LiveChannel[] = [{ id: 'live', originEndpointId: 'live-hls' }];

function competitionOriginEndpoints(channels: readonly LiveChannel[]): Record<string, string> {
  return Object.fromEntries(
    channels.flatMap((channel) => (channel.competitions ?? []).map((competition) => [competition, channel.originEndpointId])),
  );
}
const CLIPS_BUCKET = 'clips';
const ACCOUNT = '000000000000';
// The local stores check no roles; the ARN is what MediaPackage would assume on AWS.
const MEDIAPACKAGE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MediaPackageClipsAccess`;
const MEDIAPACKAGE_VOD_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MediaPackageVodClipsSource`;

export async function startLocalHome(options: LocalHomeOptions = {}): Promise<LocalHome> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const region = options.region ?? 'us-east-1';
  const channels = options.channels ?? DEFAULT_CHANNELS;
  const startoverWindowSeconds = options.startoverWindowSeconds ?? 3600;
  const log = options.log ?? ((message: string) => console.log(message));
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };

  try {
    // Before any server starts: an unusable ffmpeg is reported at once, with what to do.
    const ffmpeg = await findFfmpeg({ path: options.ffmpegPath });
    if (ffmpeg.passedOver) log(`[home] ${ffmpeg.passedOver}: using ${ffmpeg.origin} instead`);
    log(`[home] ffmpeg ${ffmpeg.version ?? '(version not stated)'} from ${ffmpeg.origin}: ${ffmpeg.path}`);
    await mkdir(dataDir, { recursive: true });
    log(`[home] data in ${dataDir}`);

    const dynamodb = await startDynamoDB({ dataDir: join(dataDir, 'dynamodb'), host, port: ports.dynamodb, log });
    stops.push(() => dynamodb.stop());

    const objectStore = createObjectStore({ root: join(dataDir, 'objects') });
    const eventBus = createEventBus({ log, region, account: ACCOUNT });
    stops.push(async () => eventBus.stop());

    const mediaPackage = await startMediaPackage({
      dataDir: join(dataDir, 'mediapackage'),
      objectStore,
      eventBus,
      startoverWindowSeconds,
      harvestQuota: options.harvestQuota,
      host,
      port: ports.mediaPackage,
      region,
      account: ACCOUNT,
      channels: channels.map(({ id, originEndpointId }) => ({ id, originEndpointId })),
      log,
    });
    stops.push(() => mediaPackage.stop());

    const encoders: Encoder[] = [];
    for (const channel of mediaPackage.channels) {
      encoders.push(await startEncoder({ ingestUrl: channel.ingestUrl, source: options.source, ffmpeg, log }));
    }
    stops.push(async () => {
      await Promise.all(encoders.map((encoder) => encoder.stop()));
    });

    const vod = await startMediaPackageVod({
      dataDir: join(dataDir, 'mediapackage-vod'),
      objectStore,
      eventBus,
      host,
      port: ports.mediaPackageVod,
      region,
      accountId: ACCOUNT,
      ffmpegPath: ffmpeg.path,
      log,
    });
    stops.push(() => vod.stop());
    const vodClient = new MediaPackageVodClient({ endpoint: vod.endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureVodPackaging(vodClient);
    vodClient.destroy();
    log(`[home] VOD packaging group ${PACKAGING_GROUP_ID} ready`);

    const defaultChannel = mediaPackage.channels[0];
    if (!defaultChannel) throw new Error('the local home needs at least one live channel');
    const api = await startLocalApi({
      dataDir,
      dynamodbEndpoint: dynamodb.endpoint,
      region,
      handlers: {
        harvester: {
          mediaPackageEndpoint: mediaPackage.url,
          originEndpointId: defaultChannel.originEndpointId,
          competitionOriginEndpoints: competitionOriginEndpoints(channels),
          clipsBucket: CLIPS_BUCKET,
          mediaPackageRoleArn: MEDIAPACKAGE_ROLE_ARN,
        },
        packager: {
          mediaPackageVodEndpoint: vod.endpoint,
          packagingGroupId: PACKAGING_GROUP_ID,
          clipsBucket: CLIPS_BUCKET,
          sourceRoleArn: MEDIAPACKAGE_VOD_ROLE_ARN,
        },
      },
      resolverEnv: { STARTOVER_WINDOW_SECONDS: String(startoverWindowSeconds) },
      host,
      port: ports.api,
      tlsPort: ports.apiTls,
      log,
    });
    stops.push(() => api.stop());

    const rules = clipEventRules({ clipsBucketName: CLIPS_BUCKET, partition: 'aws', region, account: ACCOUNT });
    const handlers = wireHandlers({ eventBus, rules, services: api.handlerServices, sweepIntervalMs: options.sweepIntervalMs ?? 30_000, log });
    stops.push(async () => handlers.stop());
    log('[home] handlers packageClip, clipPlayable on the event bus; sweepClips on a timer');

    const outputs: ClipsOutputs = {
      home: 'local',
      region,
      graphql: {
        url: api.graphqlUrl,
        realtimeUrl: api.realtimeUrl,
        ...(api.httpsGraphqlUrl ? { httpsUrl: api.httpsGraphqlUrl, wssRealtimeUrl: api.wssRealtimeUrl, caCertPath: api.caCertPath } : {}),
      },
      auth: {
        defaultMode: 'API_KEY',
        apiKey: api.credentials.apiKey.id,
        userPoolId: api.credentials.cognito.userPoolId,
        userPoolClientId: api.credentials.cognito.clientId,
        iam: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
      },
      live: { channels: mediaPackage.channels.map(({ id, originEndpointId, playbackUrl }) => ({ id, originEndpointId, playbackUrl })) },
    };
    const outputsFile = join(dataDir, 'outputs.json');
    await writeOutputs(outputsFile, outputs);
    return { outputs, ffmpeg, outputsFile, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
