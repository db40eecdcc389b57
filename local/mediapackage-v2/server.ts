import http from 'node:http';
import path from 'node:path';
import { listen, originServer, receiveIngest, withOriginDefaults, type OriginOptions, type OriginServer } from '../mediapackage/index.ts';
import { createApiHandler } from './api/routes.ts';
import { serveEndpoint } from './egress.ts';
import type { HarvestFault } from './harvest/runner.ts';
import { HarvestJobStore } from './harvest/jobs.ts';
import { HarvestService } from './harvest/service.ts';
import { createPreset, DEFAULT_PRESET, type ChannelPreset } from './presets.ts';
import { Resources } from './resources.ts';
import { INGEST_ENDPOINT_IDS, Urls } from './urls.ts';

export interface MediaPackageV2Options extends OriginOptions {
  /** Archive and staging of every channel. @default '.data/mediapackage-v2' */
  dataDir?: string;
  /** Resources to create at start, as the API would. @default [{ channelGroupName: 'live', channelName: 'live', originEndpointName: 'live-hls' }] */
  channels?: ChannelPreset[];
  /** Makes a harvest job FAIL with the returned message when it starts (tests only). @default none */
  harvestFault?: HarvestFault;
}

export interface MediaPackageV2Channel extends Required<ChannelPreset> {
  /** Where the encoder PUTs its HLS (the channel's first IngestEndpoint). */
  ingestUrl: string;
  /** The live multivariant playlist of the origin endpoint's `index` manifest. */
  playbackUrl: string;
}

export type MediaPackageV2 = OriginServer<MediaPackageV2Channel>;

const PRUNE_INTERVAL_MS = 10_000;

export async function startMediaPackageV2({
  dataDir = '.data/mediapackage-v2',
  channels: presets = [DEFAULT_PRESET],
  harvestFault,
  ...common
}: MediaPackageV2Options = {}): Promise<MediaPackageV2> {
  const { objectStore, eventBus, harvestQuota, ingestGraceSeconds, host, port, region, account, fault, log } = withOriginDefaults(common);
  const root = path.resolve(dataDir);
  const resources = new Resources({ root, region, account, log });
  const urls = new Urls();
  const jobs = await HarvestJobStore.open(path.join(root, 'harvest-jobs'), log);
  const harvests = new HarvestService(jobs, { resources, objectStore, eventBus, quota: harvestQuota, ingestGraceSeconds, fault: harvestFault, log });
  const handleApi = createApiHandler({ resources, harvests, urls, log }, fault);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const parts = url.pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
    void (async () => {
      try {
        const [direction, version, group = ''] = parts;
        if (direction === 'in' && version === 'v1' && INGEST_ENDPOINT_IDS.some((id) => id === parts[3])) {
          // <base>/in/v1/<group>/<ingest endpoint id>/<channel>/<what the encoder PUTs>
          await receiveIngest(req, res, resources.findChannel(group, parts[4] ?? '')?.ingest, parts.slice(5), log);
        } else if (direction === 'out' && version === 'v1' && parts.length === 6 && req.method === 'GET') {
          // <base>/out/v1/<group>/<channel>/<origin endpoint>/<file>
          const [, , , channelName = '', endpointName = '', file = ''] = parts;
          const channel = resources.findChannel(group, channelName);
          const endpoint = channel?.endpoints.get(endpointName);
          if (!channel || !endpoint) {
            res.writeHead(404).end('unknown origin endpoint');
            return;
          }
          serveEndpoint(res, channel, endpoint, file, url.searchParams);
        } else {
          await handleApi(req, res, url);
        }
      } catch (error) {
        log(`[mediapackage-v2] ${req.method} ${url.pathname} failed: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error instanceof Error ? error.message : error));
      }
    })();
  });
  urls.base = await listen(server, host, port);

  const created = [];
  for (const preset of presets) created.push(await createPreset(resources, preset));
  // Once the channels exist again: their jobs from before a restart go on.
  harvests.resume();
  const pruneTimer = setInterval(() => {
    resources.prune(Date.now()).catch((error: unknown) => log(`[mediapackage-v2] pruning the archive failed: ${String(error)}`));
  }, PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  const channelViews = created.map((preset) => ({
    ...preset,
    ingestUrl: urls.ingest(preset),
    playbackUrl: urls.manifest(preset, 'index'),
  }));
  log(`[mediapackage-v2] API at ${urls.base}; ${channelViews.map((c) => `${c.channelName}: ingest ${c.ingestUrl}, live ${c.playbackUrl}`).join('; ')}`);

  return originServer({ server, url: urls.base, channels: channelViews, harvests, pruneTimer });
}
