// Target of the "MediaPackage HarvestJob Notification" rule: a harvested clip becomes a
// MediaPackage-VOD asset (PACKAGING), a failed harvest fails the clip with MediaPackage's message.
// A finished job frees a slot of the harvest-job quota, so waiting clips start afterwards.
import { failClip, packageHarvestedClip, removeClip, startWaitingClips } from '../commons/clipFlow.ts';
import { clipKeyOf, manifestKeyFor } from '../commons/clips.ts';
import type { HarvestJobNotification } from '../../contracts/events.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';

const logger = handlerLogger('packageClip');

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function packageClip(event: HarvestJobNotification): Promise<void> {
    const job = event.detail.harvest_job;
    const key = clipKeyOf(job.id);
    // The rule matches every harvest job of the account: only those this project made name a clip.
    if (!key || job.s3_destination.manifest_key !== manifestKeyFor(key)) {
      logger.info('Harvest job of no clip: ignored', { harvestJobId: job.id });
      return;
    }
    const log = clipLogger(logger, key);
    log.info('Harvest job finished', { harvestJobId: job.id, harvestStatus: job.status });
    const context = flowContextOf(services, logger);

    if (job.status === 'SUCCEEDED') {
      await packageHarvestedClip(context, key);
    } else if (!(await failClip(context, key, `The harvest failed: ${event.detail.message ?? 'MediaPackage gave no reason'}`))) {
      // A clip deleted while harvesting waited for this end; a failed harvest may leave files.
      await removeClip(context, key);
    }

    try {
      await startWaitingClips(context);
    } catch (error) {
      // Not this event's failure: a retry would not help it, and the sweeper starts them later.
      log.error('Starting waiting clips failed', { error: error as Error });
    }
  };
}

export const handler = createHandler(servicesOf(process.env));
