// Run on a schedule: events are best effort, so no clip may depend on one alone. Starts clips
// waiting for the harvest-job quota, publishes final clips whose publish failed, starts clips the
// createClip pipeline left unrecorded (CREATING), and re-checks clips that have been HARVESTING or
// PACKAGING for a while against MediaPackage, taking the step their lost event would have taken,
// and finishes the removal of deleted clips (DELETING) that stopped half-way or waited for a harvest.
import {
  failClip,
  failUnheardHarvest,
  packageHarvestedClip,
  recordPlayable,
  removeClip,
  republishClips,
  startWaitingClip,
  startWaitingClips,
  type RemovalContext,
  type StartContext,
} from '../commons/clipFlow.ts';
import type { StoredClip } from '../commons/clipStore.ts';
import { CREATING, DELETING } from '../../contracts/clipTable.ts';
import { messageOf } from '../commons/errors.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';

const logger = handlerLogger('sweepClips');

// One run handles this many stuck clips per status; the next run takes the rest.
const RECHECK_LIMIT = 50;

export interface SweepReport {
  started: number;
  /** READY or FAILED clips whose earlier publish had failed, published now. */
  republished: number;
  /** Clips re-checked, and of those, how many moved on. */
  rechecked: number;
  moved: number;
}

type SweepContext = RemovalContext & StartContext;

/** The createClip pipeline stopped after writing the clip: start it as a waiting clip. */
async function recheckCreating(context: SweepContext, clip: StoredClip): Promise<boolean> {
  // Throttled, it stays CREATING and the next sweep tries again.
  return (await startWaitingClip(context, clip)) !== 'throttled';
}

async function recheckDeleting(context: SweepContext, clip: StoredClip): Promise<boolean> {
  return (await removeClip(context, clip)) === 'removed';
}

async function recheckHarvesting(context: SweepContext, clip: StoredClip): Promise<boolean> {
  const state = await context.harvestJobs.jobState(clip.harvestJobId ?? context.harvestJobs.jobIdFor(clip));
  switch (state) {
    case 'QUEUED':
    case 'IN_PROGRESS':
      return false;
    case 'SUCCEEDED':
      return packageHarvestedClip(context, clip);
    case 'FAILED':
      return failUnheardHarvest(context, clip);
    case 'NOT_FOUND':
      return failClip(context, clip, 'The harvest job no longer exists');
  }
}

async function recheckPackaging(context: SweepContext, clip: StoredClip): Promise<boolean> {
  const endpoints = await context.packager.describeAsset(clip);
  if (!endpoints) return failClip(context, clip, 'The VOD asset no longer exists');
  let moved = false;
  for (const endpoint of endpoints.filter((candidate) => candidate.status === 'PLAYABLE')) {
    moved = (await recordPlayable(context, clip, endpoint.configurationId, [endpoint.url])) || moved;
  }
  // Only HLS makes a clip READY: a failed DASH output alone does not fail it.
  const hls = [];
  for (const endpoint of endpoints) {
    if ((await context.packager.formatOf(endpoint.configurationId)) === 'HLS') hls.push(endpoint);
  }
  if (hls.every((endpoint) => endpoint.status === 'FAILED')) {
    moved = (await failClip(context, clip, 'Packaging failed: no HLS output plays (found by the sweeper: its event was not received)')) || moved;
  }
  return moved;
}

/**
 * A step that keeps failing (a service refusing for good, after the SDK's and the event's own
 * retries) would keep the clip in flight forever: after `limit` failed re-checks in a row in one
 * status, the clip is FAILED with the error. A DELETING clip is not failed: its removal goes on.
 */
async function giveUp(context: SweepContext, clip: StoredClip, error: unknown, limit: number): Promise<boolean> {
  const log = clipLogger(logger, clip);
  if (clip.inFlightStatus === DELETING) return false;
  try {
    const failed = await context.store.countFailedRecheck(clip);
    if (failed === undefined || failed < limit) return false;
    log.error('Re-checks kept failing: clip failed', { failedRechecks: failed });
    return await failClip(context, clip, `${messageOf(error)} (gave up after ${failed} failed re-checks)`);
  } catch (countError) {
    // The table itself may be what fails: the next sweep counts again.
    log.error('Could not count the failed re-check', { error: countError as Error });
    return false;
  }
}

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function sweepClips(): Promise<SweepReport> {
    const { recheckAfterSeconds, giveUpAfterFailedRechecks } = services.sweep();
    const context: SweepContext = { ...flowContextOf(services, logger), harvester: services.harvester() };
    const store = context.store;
    const { started } = await startWaitingClips(context);

    const before = new Date(Date.now() - recheckAfterSeconds * 1000);
    const report: SweepReport = { started, republished: await republishClips(context, RECHECK_LIMIT), rechecked: 0, moved: 0 };
    const rechecks = [
      { status: CREATING, recheck: recheckCreating },
      { status: 'HARVESTING', recheck: recheckHarvesting },
      { status: 'PACKAGING', recheck: recheckPackaging },
      { status: DELETING, recheck: recheckDeleting },
    ] as const;
    for (const { status, recheck } of rechecks) {
      for (const clip of await store.inFlight(status, { before, limit: RECHECK_LIMIT })) {
        report.rechecked += 1;
        try {
          if (await recheck(context, clip)) report.moved += 1;
        } catch (error) {
          // One clip's trouble must not keep the sweeper from the others.
          clipLogger(logger, clip).error('Re-check failed', { status, error: error as Error });
          if (await giveUp(context, clip, error, giveUpAfterFailedRechecks)) report.moved += 1;
        }
      }
    }
    // A sweep runs every minute: only one that changed something is worth a line at INFO.
    if (report.started + report.republished + report.moved > 0) logger.info('Sweep done', { ...report });
    else logger.debug('Sweep done', { ...report });
    return report;
  };
}

export const handler = createHandler(servicesOf(process.env));
