// The steps of a clip's way to READY, shared by the event handlers and the sweeper (which takes
// the same steps when an event was lost). Each step is a conditional write: a step whose clip has
// moved on changes nothing and publishes nothing, so every step may safely run twice.
import type { Manifest } from '../../generated/schema.ts';
import type { CancelClipResult } from '../../contracts/cancelClip.ts';
import type { RemoveClipResult } from '../../contracts/removeClip.ts';
import type { ClipObjects } from './clipObjects.ts';
import type { ClipStore, StoredClip, TransitionChanges } from './clipStore.ts';
import { UNPUBLISHED } from '../../contracts/clipTable.ts';
import { ALLOWED_PREVIOUS, isFinal, type TargetStatus } from './clipTransitions.ts';
import { traceIdFor, type ClipKey } from './clips.ts';
import { AssetQuotaError, HarvestStartError } from './errors.ts';
import type { Harvester } from './harvester.ts';
import type { HarvestJobs } from './harvestJobs.ts';
import { clipLogger, type Logger } from './logger.ts';
import type { Packager } from './packager.ts';
import type { PublishClip } from './publisher.ts';
import { traced } from './tracer.ts';

export interface FlowContext {
  store: ClipStore;
  publish: PublishClip;
  /** The handler's logger; steps log through a child that names the clip. */
  log: Logger;
}

/** Moves the clip and, only when this write moved it, publishes it as stored. */
async function moveClip(context: FlowContext, key: ClipKey, to: TargetStatus, changes: TransitionChanges = {}): Promise<boolean> {
  const log = clipLogger(context.log, key);
  const outcome = await traced(`clip.write.${to}`, traceIdFor(key), () => context.store.transition(key, to, changes));
  if (!outcome.changed) {
    log.info('Clip already moved on: nothing to change', { wanted: to, status: outcome.clip?.status ?? 'no such clip' });
    return false;
  }
  log.info('Clip status changed', { status: to });
  await publishStored(context, outcome.clip, log);
  return true;
}

/**
 * A failed publish is not thrown: the clip is stored, and a retried event would find it moved on
 * and publish nothing. A READY or FAILED clip is instead marked for the sweeper to publish again
 * (a non-final one is published whole with its next change).
 */
export async function publishStored(context: FlowContext, clip: StoredClip, log: Logger): Promise<void> {
  try {
    await traced(`clip.publish.${clip.status}`, traceIdFor(clip), () => context.publish(clip));
  } catch (error) {
    log.error('Subscribers were not told of the change', { status: clip.status, error: error as Error });
    if (!isFinal(clip.status)) return;
    try {
      await context.store.markUnpublished(clip);
    } catch (markError) {
      log.error('Could not mark the clip for publishing again', { error: markError as Error });
    }
  }
}

/** Publishes final clips whose publish failed; answers how many went through. */
export async function republishClips(context: FlowContext, limit: number): Promise<number> {
  let republished = 0;
  for (const clip of await context.store.inFlight(UNPUBLISHED, { limit })) {
    const log = clipLogger(context.log, clip);
    try {
      await context.publish(clip);
    } catch (error) {
      log.error('Publishing again failed; the next sweep retries', { status: clip.status, error: error as Error });
      continue;
    }
    await context.store.markPublished(clip);
    log.info('Clip published again', { status: clip.status });
    republished += 1;
  }
  return republished;
}

export type RemovalContext = FlowContext & { harvestJobs: HarvestJobs; packager: Packager; objects: ClipObjects };

/** What starting waiting clips takes: the harvester, which reads jobs too. */
export type StartContext = FlowContext & { harvester: Harvester };

/**
 * Removes a DELETED or CANCELLED clip's VOD asset and harvested files, then finishes a deleted
 * clip's tombstone. Asset first: its URLs stop playing before the files they read go. A clip
 * whose harvest job still runs waits (files written after the delete would stay behind): the
 * job's end or the sweeper calls this again. Safe to repeat, and repeated by every step that
 * finds the clip deleted or cancelled, so an asset or files made by a step that raced go too.
 */
export async function removeClip(context: RemovalContext, key: ClipKey): Promise<RemoveClipResult['outcome'] | 'not-deleted'> {
  const log = clipLogger(context.log, key);
  const clip = await context.store.get(key);
  if (!clip || (clip.status !== 'DELETED' && clip.status !== 'CANCELLED')) {
    log.debug('Clip is neither deleted nor cancelled: nothing removed', { status: clip?.status ?? 'no such clip' });
    return 'not-deleted';
  }
  const state = await context.harvestJobs.jobState(clip.harvestJobId ?? context.harvestJobs.jobIdFor(clip));
  // A queued job still runs: files it writes after a removal would stay behind.
  if (state === 'IN_PROGRESS' || state === 'QUEUED') {
    log.info('Harvest still running: the clip is removed when it ends');
    return 'waiting';
  }
  await context.packager.deleteAsset(key);
  const files = await context.objects.deleteAll(key);
  if (clip.status === 'CANCELLED') {
    log.info('Cancelled clip\'s files removed', { files });
    return 'removed';
  }
  const finished = await context.store.finishRemoval(key);
  log.info('Deleted clip removed', { files, tombstone: finished.changed ? 'finished now' : 'finished before' });
  return 'removed';
}

/**
 * cancelClip: stops the clip's harvest job (conditionally on its ETag on v2), then makes the clip
 * CANCELLED, conditionally on its not having moved on, then removes what the harvest wrote. The
 * conditional write decides a race with the job's end: either the cancel wins (and the job's
 * late event finds the clip CANCELLED and removes its files), or the harvest does (and the cancel
 * is refused with the clip as it is). v1 cannot cancel a job: it runs on and its files go when it
 * ends.
 */
export async function cancelClip(context: RemovalContext, key: ClipKey): Promise<CancelClipResult> {
  const log = clipLogger(context.log, key);
  const clip = await context.store.get(key);
  if (!clip || clip.status === 'DELETED') return { outcome: 'not-found' };
  const tooLate = (current: StoredClip, reason: string): CancelClipResult => ({ outcome: 'too-late', clip: current, reason });
  if (clip.status !== 'CANCELLED') {
    if (!ALLOWED_PREVIOUS.CANCELLED.includes(clip.status)) return tooLate(clip, `the clip is ${clip.status}: only a PENDING or HARVESTING clip can be cancelled`);
    const stopped = await context.harvestJobs.cancel(clip.harvestJobId ?? context.harvestJobs.jobIdFor(clip));
    if (stopped === 'finished') return tooLate(clip, 'its harvest has just ended: the clip goes on to be packaged (delete it instead)');
    if (!(await moveClip(context, key, 'CANCELLED'))) {
      const current = (await context.store.get(key)) ?? clip;
      return tooLate(current, `the clip moved on to ${current.status} first`);
    }
    log.info('Clip cancelled', { harvestJob: stopped });
  }
  await removeClip(context, key);
  const cancelled = await context.store.get(key);
  return cancelled ? { outcome: 'cancelled', clip: cancelled } : { outcome: 'not-found' };
}

export function failClip(context: FlowContext, key: ClipKey, reason: string): Promise<boolean> {
  return moveClip(context, key, 'FAILED', { set: { failureReason: reason } });
}

/**
 * A job found FAILED without its event (the sweeper, the queue): the clip fails with MediaPackage's
 * message where the job tells it (v2), as the event would have.
 */
export async function failUnheardHarvest(context: FlowContext & { harvester: Harvester }, clip: StoredClip): Promise<boolean> {
  const message = await context.harvester.failureOf(clip.harvestJobId ?? context.harvester.jobIdFor(clip));
  return failClip(context, clip, message ? `The harvest failed: ${message}` : 'The harvest failed (MediaPackage gave no reason: its event was not received)');
}

/**
 * A harvest succeeded: make the VOD asset (once) and mark the clip PACKAGING. A clip deleted
 * meanwhile is removed instead, with whatever the harvest or this step made for it. The event
 * names the harvested manifest (`manifestKey`): it may come before createClip recorded it.
 */
export async function packageHarvestedClip(context: RemovalContext, key: ClipKey, manifestKey?: string): Promise<boolean> {
  const log = clipLogger(context.log, key);
  const clip = await context.store.get(key);
  if (!clip) {
    log.warn('No such clip: the harvest is not packaged');
    return false;
  }
  if (clip.status === 'DELETED' || clip.status === 'CANCELLED') {
    await removeClip(context, key);
    return false;
  }
  if (!ALLOWED_PREVIOUS.PACKAGING.includes(clip.status)) {
    log.info('Clip already past harvesting: no asset made', { status: clip.status });
    return false;
  }
  const source = { ...clip, harvestManifestKey: manifestKey ?? clip.harvestManifestKey ?? null };
  try {
    await traced('vod.createAsset', traceIdFor(key), () => context.packager.createAsset(source));
  } catch (error) {
    if (!(error instanceof AssetQuotaError)) throw error;
    log.error('VOD asset refused for the packaging group\'s asset quota: clip failed', { packagingGroupId: error.packagingGroupId });
    await failClip(context, key, error.message);
    return false;
  }
  log.info('VOD asset created', { sourceArn: context.packager.sourceArnFor(source) });
  if (await moveClip(context, key, 'PACKAGING')) return true;
  // Deleted between the read and the write: the asset just made must not outlive the clip.
  await removeClip(context, key);
  return false;
}

/**
 * One packaging configuration's output plays. HLS makes the clip READY with its manifests; other
 * formats are stored beside it without a status change (so without a push: onClipReady gets the
 * clip once, when it first plays).
 */
export async function recordPlayable(
  context: FlowContext & { packager: Packager },
  key: ClipKey,
  configurationId: string,
  urls: string[],
): Promise<boolean> {
  const log = clipLogger(context.log, key);
  const format = await traced('vod.formatOf', traceIdFor(key), () => context.packager.formatOf(configurationId));
  if (!format) {
    log.info('Packaging configuration has no format clips list: ignored', { configurationId });
    return false;
  }
  const manifests: Manifest[] = urls.map((url) => ({ format, url }));
  const playable = { configurationId, manifests };
  if (format === 'HLS') return moveClip(context, key, 'READY', { manifests: playable });
  const outcome = await traced('clip.write.manifests', traceIdFor(key), () => context.store.addManifests(key, playable));
  log.info(outcome.changed ? 'Manifests stored' : 'Manifests already stored or clip failed', { configurationId, format });
  return outcome.changed;
}

export type StartOutcome = 'started' | 'throttled' | 'failed';

/**
 * A waiting clip whose job v2 queued: HARVESTING once v2 runs it (no event says so: the next
 * run of the queue, after a job ends, or the sweeper sees it); undefined when it has no job.
 */
async function recheckQueuedJob(context: StartContext, clip: StoredClip): Promise<StartOutcome | undefined> {
  if (!clip.harvestJobId) return undefined;
  const state = await context.harvester.jobState(clip.harvestJobId);
  if (state === 'QUEUED') return 'throttled';
  if (state === 'NOT_FOUND') return undefined;
  if (state === 'FAILED') {
    await failUnheardHarvest(context, clip);
    return 'failed';
  }
  await moveClip(context, clip, 'HARVESTING');
  return 'started';
}

/** Starts a waiting clip's harvest; a refusal other than the quota fails the clip. */
export async function startWaitingClip(context: StartContext, clip: StoredClip): Promise<StartOutcome> {
  try {
    const queued = await recheckQueuedJob(context, clip);
    if (queued) return queued;
    const start = await context.harvester.start(clip);
    if (start.outcome === 'throttled') return 'throttled';
    if (start.outcome === 'queued') {
      await context.store.recordQueuedJob(clip, { harvestJobId: start.harvestJobId, harvestManifestKey: start.manifestKey });
      return 'throttled';
    }
    await moveClip(context, clip, 'HARVESTING', {
      set: { harvestJobId: start.harvestJobId, harvestManifestKey: start.manifestKey, previewUrl: start.previewUrl },
    });
    return 'started';
  } catch (error) {
    if (!(error instanceof HarvestStartError)) throw error;
    await failClip(context, clip, `The harvest could not start: ${error.message}`);
    return 'failed';
  }
}

const QUEUE_PAGE = 25;

export interface QueueRun {
  started: number;
  /** Quota scopes (Harvester.quotaScopeOf) whose quota is full: their clips still wait. */
  blocked: Set<string>;
}

/**
 * Starts waiting (PENDING) clips, oldest first. A quota refusal holds back the rest of that
 * quota's scope only (v1's account, one v2 channel group): clips of other scopes still start.
 */
export async function startWaitingClips(context: StartContext): Promise<QueueRun> {
  const run: QueueRun = { started: 0, blocked: new Set() };
  const page: { after?: StoredClip } = {};
  for (;;) {
    const waiting = await context.store.inFlight('PENDING', { limit: QUEUE_PAGE, ...(page.after ? { after: page.after } : {}) });
    for (const clip of waiting) {
      const scope = context.harvester.quotaScopeOf(clip);
      if (run.blocked.has(scope)) continue;
      const outcome = await startWaitingClip(context, clip);
      if (outcome === 'throttled') {
        clipLogger(context.log, clip).info('Harvest-job quota full: clip keeps waiting', { quotaScope: scope });
        run.blocked.add(scope);
      }
      if (outcome === 'started') run.started += 1;
    }
    page.after = waiting.at(-1);
    if (waiting.length < QUEUE_PAGE) return run;
  }
}
