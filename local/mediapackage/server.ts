import http from 'node:http';
import path from 'node:path';
import { createApiHandler, type EndpointView } from './api/routes.ts';
import { ChannelArchive } from './archive.ts';
import { listen, originServer, withOriginDefaults, type OriginOptions, type OriginServer } from './origin.ts';
import { serveEgress } from './egress.ts';
import { HarvestJobStore } from './harvest/jobs.ts';
import { createHarvestService } from './harvest/service.ts';
import { ChannelIngest, receiveIngest } from './ingest/index.ts';

export interface ChannelConfig {
  /** Channel id; the encoder pushes to `<url>/in/v2/<id>`. */
  id: string;
  /** The channel's one HLS origin endpoint, served at `<url>/out/v1/<originEndpointId>/index.m3u8`. */
  originEndpointId: string;
}

export interface MediaPackageOptions extends OriginOptions {
  /** Archive, staging and job records. @default '.data/mediapackage' */
  dataDir?: string;
  /** How far back the origin keeps content, for time-shifted playback and harvests. @default 3600 */
  startoverWindowSeconds?: number;
  /** Length of the live media playlists. @default 60 */
  liveWindowSeconds?: number;
  /** What the origin endpoints describe as their segment duration. @default 2 */
  segmentDurationSeconds?: number;
  /** @default [{ id: 'live', originEndpointId: 'live-hls' }] */
  channels?: ChannelConfig[];
}

export interface MediaPackageChannel extends ChannelConfig {
  /** Where the encoder PUTs its HLS (as MediaLive pushes to MediaPackage's ingest endpoint). */
  ingestUrl: string;
  /** The live multivariant playlist of the origin endpoint. */
  playbackUrl: string;
}

export type MediaPackage = OriginServer<MediaPackageChannel>;

const PRUNE_INTERVAL_MS = 10_000;

interface Channel {
  config: ChannelConfig;
  archive: ChannelArchive;
  ingest: ChannelIngest;
  createdAt: string;
}

export async function startMediaPackage({
  dataDir = '.data/mediapackage',
  startoverWindowSeconds = 3600,
  liveWindowSeconds = 60,
  segmentDurationSeconds = 2,
  channels: channelConfigs = [{ id: 'live', originEndpointId: 'live-hls' }],
  ...common
}: MediaPackageOptions = {}): Promise<MediaPackage> {
  const { objectStore, eventBus, harvestQuota, ingestGraceSeconds, host, port, region, account, fault, log } = withOriginDefaults(common);
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
          await receiveIngest(req, res, channels.get(parts[2])?.ingest, parts.slice(3), log);
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
        log(`[mediapackage] ${req.method} ${url.pathname} failed: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error instanceof Error ? error.message : error));
      }
    })();
  });
  baseUrl = await listen(server, host, port);

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

  return originServer({ server, url: baseUrl, channels: channelViews, harvests, pruneTimer });
}
