// Lambda data source of the createClip pipeline: starts the MediaPackage harvest job that copies
// the clip's range of the live origin into the clips bucket, and answers with the job id and a
// time-shifted preview URL of the origin for the same range. Clips waiting for the same quota of
// active harvest jobs (MediaPackage v1's per account, v2's per channel group) go first; while
// they wait, so does this one (PENDING).
import { startWaitingClips, type StartContext } from '../commons/clipFlow.ts';
import { traceIdFor } from '../commons/clips.ts';
import { traced } from '../commons/tracer.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { servicesOf, type Services } from '../commons/services.ts';
import type { StartHarvestRequest, StartHarvestResult } from '../../contracts/startHarvest.ts';

const logger = handlerLogger('startHarvest');

/** Starts older waiting clips first; answers whether none of the clip's quota scope waits any more. */
async function queueIsClear(context: StartContext, clip: StartHarvestRequest['clip']): Promise<boolean> {
  try {
    return !(await startWaitingClips(context)).blocked.has(context.harvester.quotaScopeOf(clip));
  } catch (error) {
    // The queue is a courtesy to older clips: it never stops a new one (the sweeper starts them).
    context.log.error('Starting waiting clips failed', { error: error as Error });
    return true;
  }
}

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function startHarvest(event: StartHarvestRequest): Promise<StartHarvestResult> {
    const { clip } = event;
    const log = clipLogger(logger, clip);
    const harvester = services.harvester();
    const context = { store: services.store(), publish: services.publish(), harvester, log: logger };

    const waiting = async (): Promise<StartHarvestResult> => ({ status: 'PENDING', harvestJobId: null, manifestKey: null, previewUrl: await harvester.previewUrlOf(clip) });
    if (!(await traced('startHarvest.waitingClips', traceIdFor(clip), () => queueIsClear(context, clip)))) {
      log.info('Older clips wait for the harvest-job quota: this one waits behind them');
      return waiting();
    }
    const start = await traced('mediapackage.createHarvestJob', traceIdFor(clip), () => harvester.start(clip));
    if (start.outcome === 'throttled') {
      log.info('Harvest-job quota full: clip waits', { reason: start.reason });
      return waiting();
    }
    if (start.outcome === 'queued') {
      log.info('Harvest job queued behind the channel group\'s active jobs: clip waits', { harvestJobId: start.harvestJobId });
      return { status: 'PENDING', harvestJobId: start.harvestJobId, manifestKey: start.manifestKey, previewUrl: start.previewUrl };
    }
    log.info('Harvest job started', { harvestJobId: start.harvestJobId });
    return { status: 'HARVESTING', harvestJobId: start.harvestJobId, manifestKey: start.manifestKey, previewUrl: start.previewUrl };
  };
}

export const handler = createHandler(servicesOf(process.env));
