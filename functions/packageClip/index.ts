// Target of the harvest-job rules of both MediaPackage versions ("MediaPackage HarvestJob
// Notification", "MediaPackageV2 HarvestJob Notification"): a harvested clip becomes a
// MediaPackage-VOD asset (PACKAGING), a failed harvest fails the clip with MediaPackage's
// message. A finished job frees a slot of its quota, so waiting clips start afterwards.
import { failClip, packageHarvestedClip, removeClip, startWaitingClips } from '../commons/clipFlow.ts';
import { finishedHarvestOf, type HarvestJobEvent } from '../commons/finishedHarvests.ts';
import { traceIdFor } from '../commons/clips.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { traced } from '../commons/tracer.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';

const logger = handlerLogger('packageClip');

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function packageClip(event: HarvestJobEvent): Promise<void> {
    const harvest = finishedHarvestOf(event);
    // The rules match every harvest job into the clips bucket: only those this project made name a clip.
    if (!harvest) {
      logger.info('Harvest job of no clip: ignored', { source: event.source, resources: event.resources });
      return;
    }
    const { key } = harvest;
    const log = clipLogger(logger, key);
    log.info('Harvest job finished', { harvestJobId: harvest.jobName, harvestStatus: harvest.succeeded ? 'SUCCEEDED' : 'FAILED' });
    const context = { ...flowContextOf(services, logger), harvester: services.harvester() };

    if (harvest.succeeded) {
      await traced('packageClip', traceIdFor(key), () => packageHarvestedClip(context, key, harvest.manifestKey));
    } else if (!(await failClip(context, key, `The harvest failed: ${harvest.message ?? 'MediaPackage gave no reason'}`))) {
      // A clip deleted while harvesting waited for this end; a failed harvest may leave files.
      await removeClip(context, key);
    }

    try {
      await traced('packageClip.waitingClips', traceIdFor(key), () => startWaitingClips(context));
    } catch (error) {
      // Not this event's failure: a retry would not help it, and the sweeper starts them later.
      log.error('Starting waiting clips failed', { error: error as Error });
    }
  };
}

export const handler = createHandler(servicesOf(process.env));
