import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EventBus } from '../eventbus/index.ts';
import { createObjectStore, type ObjectStore } from '../objectstore/index.ts';
import type { RequestFault } from '../rest/index.ts';
import { createApiHandler, type EndpointView } from './api/routes.ts';
import { ChannelArchive } from './archive.ts';
import { serveEgress } from './egress.ts';
import { HarvestJobStore } from './harvest/jobs.ts';
import { createHarvestService } from './harvest/service.ts';
import { ChannelIngest, IngestError } from './ingest/index.ts';

export interface ChannelConfig {
  /** Channel id; the encoder pushes to `<url>/in/v2/<id>`. */
  id: string;
  /** The channel's one HLS origin endpoint, served at `<url>/out/v1/<originEndpointId>/index.m3u8`. */
  originEndpointId: string;
}

export interface MediaPackageOptions {
  /** Archive, staging and job records. @default '.data/mediapackage' */
  dataDir?: string;
  /** Where harvests land; put it on the same file system as `dataDir` so harvests hard-link. @default a store rooted at '.data/objects' */
  objectStore?: ObjectStore;
  /** Receives "MediaPackage HarvestJob Notification" events. @default none: no events are sent */
  eventBus?: EventBus;
  /** How far back the origin keeps content, for time-shifted playback and harvests. @default 3600 */
  startoverWindowSeconds?: number;
  /** Length of the live media playlists. @default 60 */
  liveWindowSeconds?: number;
  /** Harvest jobs IN_PROGRESS at once (MediaPackage's account quota). @default 10 */
  harvestQuota?: number;
  /** How long a harvest waits past EndTime for the encoder to deliver it before failing. @default 20 */
  ingestGraceSeconds?: number;
  /** What the origin endpoints describe as their segment duration. @default 2 */
  segmentDurationSeconds?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** Region in ARNs and events. @default 'us-east-1' */
  region?: string;
  /** Account in ARNs and events. @default '000000000000' */
  account?: string;
  /** @default [{ id: 'live', originEndpointId: 'live-hls' }] */
  channels?: ChannelConfig[];
  /** Answers API requests with an error instead, as AWS may (tests only). @default none */
  fault?: RequestFault;
  /** @default console.log */
  log?: (message: string) => void;
}

export interface MediaPackageChannel extends ChannelConfig {
  /** Where the encoder PUTs its HLS (as MediaLive pushes to MediaPackage's ingest endpoint). */
  ingestUrl: string;
  /** The live multivariant playlist of the origin endpoint. */
  playbackUrl: string;
}

export interface MediaPackage {
  /** Endpoint for `new MediaPackageClient({ endpoint: url })`. */
  url: string;
  channels: MediaPackageChannel[];
  /** Resolves when no harvest job is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 10_000;
// An upload that sends nothing for this long is cut off, so a stalled encoder connection never
// holds its segment (and the ones listed after it) out of the archive.
const UPLOAD_IDLE_TIMEOUT_MS = 10_000;

interface Channel {
  config: ChannelConfig;
  archive: ChannelArchive;
  ingest: ChannelIngest;
  createdAt: string;
}

export async function startMediaPackage({
  dataDir = '.data/mediapackage',
  objectStore = createObjectStore({ root: '.data/objects' }),
  eventBus,
  startoverWindowSeconds = 3600,
  liveWindowSeconds = 60,
  harvestQuota = 10,
  ingestGraceSeconds = 20,
  segmentDurationSeconds = 2,
  host = '127.0.0.1',
  port = 0,
  region = 'us-east-1',
  account = '000000000000',
  channels: channelConfigs = [{ id: 'live', originEndpointId: 'live-hls' }],
  fault,
  log = (message) => console.log(message),
}: MediaPackageOptions = {}): Promise<MediaPackage> {
  const root = path.resolve(dataDir);
  const jobs = await HarvestJobStore.open(path.join(root, 'harvest-jobs'));
  const stagingRoot = path.join(root, 'staging');
  await ChannelIngest.clearStaging(stagingRoot);
  const createdAt = new Date().toISOString();

  const channels = new Map<string, Channel>();
  const byEndpoint = new Map<string, Channel>();
  for (const config of channelConfigs) {
    const archive = await ChannelArchive.open(path.join(root, 'channels', config.id));
    const ingest = new ChannelIngest(config.id, archive, path.join(stagingRoot, config.id), log);
    const channel = { config, archive, ingest, createdAt };
    channels.set(config.id, channel);
    byEndpoint.set(config.originEndpointId, channel);
  }

  const harvests = createHarvestService({
    jobs,
    objectStore,
    eventBus,
    endpointOf: (originEndpointId) => {
      const channel = byEndpoint.get(originEndpointId);
      return channel && { archive: channel.archive, channelId: channel.config.id };
    },
    startoverWindowSeconds,
    harvestQuota,
    ingestGraceSeconds,
    region,
    account,
    log,
  });

  let baseUrl = '';
  const endpoints = (): EndpointView[] =>
    [...channels.values()].map(({ config, createdAt: created }) => ({
      id: config.originEndpointId,
      channelId: config.id,
      arn: `arn:aws:mediapackage:${region}:${account}:origin_endpoints/${config.originEndpointId}`,
      url: `${baseUrl}/out/v1/${config.originEndpointId}/index.m3u8`,
      createdAt: created,
      startoverWindowSeconds,
      playlistWindowSeconds: liveWindowSeconds,
      segmentDurationSeconds,
    }));
  const handleApi = createApiHandler({ endpoints, jobs, createHarvestJob: harvests.createHarvestJob, log }, fault);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const parts = url.pathname.split('/').filter(Boolean);
    void (async () => {
      try {
        if (parts[0] === 'in' && parts[1] === 'v2' && parts[2]) {
          const channel = channels.get(parts[2]);
          if (!channel) throw new IngestError(`unknown channel ${parts[2]}`, 404);
          if (req.method !== 'PUT' && req.method !== 'POST') throw new IngestError('ingest takes PUT', 405);
          req.setTimeout(UPLOAD_IDLE_TIMEOUT_MS, () => req.destroy());
          await channel.ingest.handlePut(parts.slice(3), req);
          res.writeHead(201).end();
        } else if (parts[0] === 'out' && parts[1] === 'v1' && parts[2] && parts.length === 4 && req.method === 'GET') {
          const channel = byEndpoint.get(parts[2]);
          if (!channel) {
            res.writeHead(404).end('unknown origin endpoint');
            return;
          }
          res.setHeader('Access-Control-Allow-Origin', '*');
          serveEgress(res, channel.archive, parts[3] ?? '', url.searchParams, { liveWindowSeconds });
        } else {
          await handleApi(req, res, url);
        }
      } catch (error) {
        const status = error instanceof IngestError ? error.status : 500;
        if (status === 500) log(`[mediapackage] ${req.method} ${url.pathname} failed: ${String(error)}`);
        // The rest of a refused body is read and dropped, so a persistent connection carries on.
        if (!req.complete) req.resume();
        if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(String(error instanceof Error ? error.message : error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  const prune = async () => {
    const before = Date.now() - startoverWindowSeconds * 1000;
    for (const channel of channels.values()) await channel.archive.prune(before);
  };
  await prune();
  const pruneTimer = setInterval(() => {
    prune().catch((error: unknown) => log(`[mediapackage] pruning the archive failed: ${String(error)}`));
  }, PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  // Jobs that were running when the origin last stopped finish (or fail) now, never stay stuck.
  harvests.resume();

  const channelViews = [...channels.values()].map(({ config }) => ({
    ...config,
    ingestUrl: `${baseUrl}/in/v2/${config.id}`,
    playbackUrl: `${baseUrl}/out/v1/${config.originEndpointId}/index.m3u8`,
  }));
  log(`[mediapackage] API at ${baseUrl}; ${channelViews.map((c) => `${c.id}: ingest ${c.ingestUrl}, live ${c.playbackUrl}`).join('; ')}`);

  return {
    url: baseUrl,
    channels: channelViews,
    idle: () => harvests.idle(),
    async stop() {
      clearInterval(pruneTimer);
      await harvests.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
