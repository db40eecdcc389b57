/**
 * Local AWS Elemental MediaPackage-VOD: its REST API (packaging groups, HLS and DASH packaging
 * configurations, assets, tags) for `@aws-sdk/client-mediapackage-vod`, asynchronous ingest of
 * harvested HLS from the local object store with "MediaPackage Input Notification" events, and
 * HTTP egress of the packaged VOD playlists and segments.
 *
 *   const vod = await startMediaPackageVod({ dataDir, objectStore, eventBus });
 *   new MediaPackageVodClient({ endpoint: vod.endpoint, region: 'us-east-1', credentials });
 *   // CreateAsset -> EgressEndpoints[].Url under vod.egressBaseUrl, playable after VodAssetPlayable
 *   await vod.stop();
 *
 * HLS output groups the source's TS segments; DASH output is fragmented MP4 remuxed by ffmpeg.
 * Not supported, refused with UnprocessableEntityException: CMAF and MSS packages, encryption,
 * I-frame-only streams, compact or HbbTV MPDs, NUMBER_WITH_DURATION templates, CDN authorization.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { findFfmpeg } from '../ffmpeg/index.ts';
import { createObjectStore, type ObjectStore } from '../objectstore/index.ts';
import { createApiHandler } from './api/routes.ts';
import type { RequestFault } from '../rest/index.ts';
import { createEgressHandler, EGRESS_PREFIX } from './egress.ts';
import type { EventSink } from './events.ts';
import { IngestQueue } from './ingest.ts';
import { VodStore } from './store.ts';
import type { Log } from './types.ts';

export interface MediaPackageVodOptions {
  /** Where groups, configurations, assets and packaged output are kept. @default '.data/mediapackage-vod' */
  dataDir?: string;
  /** The object store that holds harvested sources. @default a store rooted at '.data/objects' */
  objectStore?: ObjectStore;
  /** Receives the "MediaPackage Input Notification" events. @default none: events are only logged */
  eventBus?: EventSink;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default console.log */
  log?: Log;
  /** Region in ARNs and events. @default 'us-east-1' */
  region?: string;
  /** Account in ARNs and events. @default '000000000000' */
  accountId?: string;
  /** Delay before each asset's ingest starts (AWS takes seconds to minutes). @default 0 */
  ingestDelayMs?: number;
  /** ffmpeg for HLS and DASH remuxing. @default findFfmpeg(): FFMPEG_PATH, else a newer system ffmpeg, else the npm one */
  ffmpegPath?: string;
  /**
   * The origin clients reach this service at, for `endpoint`, `egressBaseUrl` and egress URLs
   * (e.g. `http://192.168.1.10:4004` when listening on 0.0.0.0 for phones on the LAN).
   * @default the address it listens on (127.0.0.1 when listening on every interface)
   */
  publicUrl?: string;
  /** Answers API requests with an error instead, as AWS may (tests only). @default none */
  fault?: RequestFault;
  /**
   * Assets one packaging group may hold; CreateAsset beyond it is refused.
   * @default DEFAULT_ASSET_QUOTA, AWS's default (MediaPackage user guide, "VOD content quotas")
   */
  assetQuota?: number;
}

export const DEFAULT_ASSET_QUOTA = 10_000;

export interface MediaPackageVod {
  /** REST API endpoint for `MediaPackageVodClient({ endpoint })`. */
  endpoint: string;
  /** Origin of the egress URLs (also the packaging groups' `domainName`). */
  egressBaseUrl: string;
  stop(): Promise<void>;
}

export async function startMediaPackageVod(options: MediaPackageVodOptions = {}): Promise<MediaPackageVod> {
  const {
    dataDir = '.data/mediapackage-vod',
    objectStore = createObjectStore({ root: '.data/objects' }),
    eventBus,
    host = '127.0.0.1',
    port = 0,
    log = (message: string) => console.log(message),
    region = 'us-east-1',
    accountId = '000000000000',
    ingestDelayMs = 0,
    fault,
    ffmpegPath,
    publicUrl,
    assetQuota = DEFAULT_ASSET_QUOTA,
  } = options;
  const store = await VodStore.open(path.resolve(dataDir));
  const outputRoot = path.join(store.dataDir, 'egress');

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const listening = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const origin = (publicUrl ?? `http://${listening.includes(':') ? `[${listening}]` : listening}:${address.port}`).replace(/\/+$/, '');

  const ingest = new IngestQueue({
    store,
    objectStore,
    events: eventBus,
    context: { region, accountId },
    log,
    outputRoot,
    delayMs: ingestDelayMs,
    egressBaseUrl: origin,
    ffmpegPath: async () => ffmpegPath ?? (await findFfmpeg()).path,
  });
  const handleApi = createApiHandler({ store, ingest, region, accountId, egressBaseUrl: origin, outputRoot, assetQuota, log }, fault);
  const handleEgress = createEgressHandler(store, outputRoot);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const handled = url.pathname.startsWith(EGRESS_PREFIX) ? handleEgress(req, res, url.pathname) : handleApi(req, res, url);
    handled.catch((error: unknown) => {
      log(`[mediapackage-vod] ${req.method ?? ''} ${url.pathname} failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  // An asset a previous run left QUEUED or PROCESSING is ingested again, never left stuck.
  for (const asset of store.assets.values()) {
    if (asset.egressEndpoints.some((endpoint) => endpoint.status === 'QUEUED' || endpoint.status === 'PROCESSING')) {
      log(`[mediapackage-vod] resuming ingest of asset '${asset.id}'`);
      ingest.enqueue(asset.id);
    }
  }
  log(`[mediapackage-vod] API and egress at ${origin} (data in ${store.dataDir})`);

  return {
    endpoint: origin,
    egressBaseUrl: origin,
    async stop() {
      await ingest.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.flushed();
    },
  };
}

export { INPUT_NOTIFICATION } from './events.ts';
export type { EventSink, InputNotificationDetail, InputNotificationEvent, InputNotificationKind } from './events.ts';
