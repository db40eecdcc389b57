// Asynchronous ingest, as on AWS: CreateAsset answers at once with every egress endpoint QUEUED;
// this queue then reads and checks the source (PROCESSING), packages it once per packaging
// configuration (PLAYABLE), or fails it (FAILED), and reports each step on the event bus.
// Assets are ingested one at a time: the work is disk-bound and the machine small.
//
// Ingest is background work. On AWS each packaging configuration is packaged on MediaPackage's own
// machines; here the next configuration (DASH's ffmpeg) would start just as the handlers of the
// last VodAssetPlayable write the clip READY and push it, and starting a process blocks the home's
// event loop for 10-30 ms. So before each further configuration, the handlers of the last event
// it sent get their first try at it, for at most HANDLERS_FIRST_MAX_MS (retries are not awaited,
// nor other assets' events: under load, ingest does not wait for a quiet bus).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ObjectStore } from '../objectstore/index.ts';
import { fromS3Arn } from '../objectstore/index.ts';
import {
  ingestComplete,
  ingestError,
  ingestStart,
  publish,
  vodAssetPlayable,
  type EventContext,
  type EventSink,
  type InputNotificationEvent,
} from './events.ts';
import { packageDash } from './package/dash.ts';
import { packageHls } from './package/hls.ts';
import { recordSpan, spanClock, traced } from '../../functions/commons/tracer.ts';
import { readSource, type SourceAsset } from './source.ts';
import type { VodStore } from './store.ts';
import type { AssetRecord, EgressEndpointRecord, EgressStatus, Log } from './types.ts';

export interface IngestOptions {
  store: VodStore;
  objectStore: ObjectStore;
  events?: EventSink;
  context: EventContext;
  log: Log;
  /** Where packaged output lives: `<outputRoot>/<egressKey>/<configKey>/`. */
  outputRoot: string;
  /** Wait before an asset's ingest starts, to let callers see QUEUED as on AWS. */
  delayMs: number;
  /** Origin of the egress URLs announced in VodAssetPlayable. */
  egressBaseUrl: string;
  /** The ffmpeg that remuxes DASH output; looked up only when a DASH configuration needs it. */
  ffmpegPath: () => Promise<string>;
}

const HANDLERS_FIRST_MAX_MS = 1_000;

export function outputDirOf(outputRoot: string, asset: AssetRecord, endpoint?: EgressEndpointRecord): string {
  return endpoint ? path.join(outputRoot, asset.egressKey, endpoint.configKey) : path.join(outputRoot, asset.egressKey);
}

export class IngestQueue {
  private readonly waiting: string[] = [];
  /** When each waiting asset was queued, for its trace (an asset's id is its clip's trace id). */
  private readonly queuedAt = new Map<string, number>();
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly options: IngestOptions) {}

  enqueue(assetId: string): void {
    if (this.abort.signal.aborted || this.waiting.includes(assetId)) return;
    this.waiting.push(assetId);
    this.queuedAt.set(assetId, spanClock());
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Stops at the next step; an interrupted asset stays PROCESSING on disk and is resumed by the next start. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let assetId = this.waiting.shift(); assetId !== undefined; assetId = this.waiting.shift()) {
      recordSpan('vod.ingest.queued', assetId, this.queuedAt.get(assetId) ?? spanClock());
      this.queuedAt.delete(assetId);
      try {
        await this.ingest(assetId);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.options.log(`[mediapackage-vod] ingest of asset '${assetId}' crashed: ${(error as Error).stack ?? String(error)}`);
        await this.failUnfinished(assetId, error).catch(() => undefined);
      }
    }
  }

  /** An unexpected error (a disk failure, say) ends in FAILED, not in an asset stuck PROCESSING. */
  private async failUnfinished(assetId: string, error: unknown): Promise<void> {
    const { store, events, context, log } = this.options;
    const asset = store.assets.get(assetId);
    const unfinished = asset?.egressEndpoints.filter((endpoint) => endpoint.status === 'QUEUED' || endpoint.status === 'PROCESSING') ?? [];
    if (!asset || unfinished.length === 0) return;
    const reason = `internal error during ingest: ${(error as Error).message}`;
    asset.failureReason = reason;
    for (const endpoint of unfinished) endpoint.status = 'FAILED';
    await publish(events, ingestError(context, asset.arn, reason), log);
    await store.saveAsset(asset);
  }

  private async letHandlersRun(eventId: string | undefined): Promise<void> {
    const { events } = this.options;
    if (!events?.delivered || eventId === undefined) return;
    const deadline = new AbortController();
    const stop = (): void => deadline.abort();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    try {
      await Promise.race([events.delivered(eventId), sleep(HANDLERS_FIRST_MAX_MS, undefined, { signal: deadline.signal }).catch(() => undefined)]);
    } finally {
      deadline.abort();
      this.abort.signal.removeEventListener('abort', stop);
    }
  }

  private async ingest(assetId: string): Promise<void> {
    const { store, objectStore, events, context, log, outputRoot, delayMs, ffmpegPath, egressBaseUrl } = this.options;
    const signal = this.abort.signal;
    if (delayMs > 0) await sleep(delayMs, undefined, { signal });
    const asset = store.assets.get(assetId);
    if (!asset) return;
    // DeleteAsset (or a delete and a re-create under the same id) makes this ingest moot.
    const current = (): boolean => store.assets.get(assetId) === asset;
    // The event is put on the bus as the status changes, before the state is saved: whoever sees
    // the new status (DescribeAsset) can already count on its event being on its way. A crash before
    // the save means the asset is ingested again, and its events sent again: at least once.
    let lastSent: string | undefined;
    const send = async (event: InputNotificationEvent): Promise<void> => {
      await publish(events, event, log);
      lastSent = event.id;
    };
    const setStatus = async (endpoints: EgressEndpointRecord[], status: EgressStatus, event?: InputNotificationEvent): Promise<void> => {
      for (const endpoint of endpoints) endpoint.status = status;
      if (event) await send(event);
      await store.saveAsset(asset);
    };

    const pending = asset.egressEndpoints.filter((endpoint) => endpoint.status !== 'PLAYABLE' && endpoint.status !== 'FAILED');
    // An asset of a group without configurations is still ingested (and reported), as on AWS.
    if (pending.length === 0 && asset.egressEndpoints.length > 0) return;
    log(`[mediapackage-vod] ingesting asset '${asset.id}' from ${asset.sourceArn}`);
    await setStatus(pending, 'PROCESSING', ingestStart(context, asset.arn));

    let source: SourceAsset;
    try {
      const { bucket, key } = fromS3Arn(asset.sourceArn);
      source = await traced('vod.ingest.read', asset.id, () => readSource(objectStore, bucket, key));
    } catch (error) {
      signal.throwIfAborted();
      if (!current()) return;
      const reason = (error as Error).message;
      asset.failureReason = reason;
      log(`[mediapackage-vod] ingest of asset '${asset.id}' failed: ${reason}`);
      await setStatus(pending, 'FAILED', ingestError(context, asset.arn, reason));
      return;
    }
    signal.throwIfAborted();
    if (!current()) return;
    await send(ingestComplete(context, asset.arn));

    for (const [index, endpoint] of pending.entries()) {
      if (index > 0) await this.letHandlersRun(lastSent);
      signal.throwIfAborted();
      if (!current()) return;
      const configuration = store.packagingConfigurations.get(endpoint.packagingConfigurationId);
      if (!configuration) {
        asset.failureReason = `PackagingConfiguration '${endpoint.packagingConfigurationId}' was deleted during ingest`;
        await setStatus([endpoint], 'FAILED');
        continue;
      }
      try {
        const outDir = outputDirOf(outputRoot, asset, endpoint);
        await traced(`vod.package.${configuration.dashPackage ? 'DASH' : 'HLS'}`, asset.id, async () => {
          if (configuration.dashPackage) {
            await packageDash(source, configuration.id, configuration.dashPackage, outDir, await ffmpegPath(), signal);
          } else if (configuration.hlsPackage) {
            await packageHls(source, configuration.id, configuration.hlsPackage, outDir, { ffmpegPath, signal });
          }
        });
      } catch (error) {
        signal.throwIfAborted();
        if (!current()) return;
        // Ingest itself succeeded (IngestComplete went out): AWS documents no event for one
        // configuration failing, and an IngestError here would fail clips whose other outputs play.
        const reason = (error as Error).message;
        asset.failureReason = reason;
        log(`[mediapackage-vod] packaging asset '${asset.id}' failed: ${reason}`);
        await setStatus([endpoint], 'FAILED');
        continue;
      }
      if (!current()) {
        await rm(outputDirOf(outputRoot, asset), { recursive: true, force: true });
        return;
      }
      const manifestUrls = endpoint.manifestPaths.map((manifestPath) => `${egressBaseUrl}${manifestPath}`);
      log(`[mediapackage-vod] asset '${asset.id}' playable for '${configuration.id}' at ${manifestUrls.join(' ')}`);
      await setStatus([endpoint], 'PLAYABLE', vodAssetPlayable(context, asset, configuration, manifestUrls));
    }
  }
}
