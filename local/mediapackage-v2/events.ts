import {
  HARVEST_JOB_V2_NOTIFICATION,
  MEDIAPACKAGEV2_SOURCE,
  type EventInput,
  type HarvestJobV2NotificationDetail,
} from '../eventbus/index.ts';
import { isoSeconds } from '../mediapackage/index.ts';
import type { HarvestJob } from './harvest/jobs.ts';

// The message of a completed job in the user guide's example event.
const COMPLETED_MESSAGE = 'Your harvest job is complete.';

/**
 * The event EventBridge delivers when a v2 harvest job COMPLETES or FAILS (MediaPackage v2 user
 * guide, "Harvest job notification events"); a cancelled job sends none.
 */
export function harvestJobV2Notification(
  job: HarvestJob,
): EventInput<typeof HARVEST_JOB_V2_NOTIFICATION, HarvestJobV2NotificationDetail> {
  if (job.status !== 'COMPLETED' && job.status !== 'FAILED') throw new Error(`harvest job ${job.harvestJobName} is ${job.status}: no event`);
  return {
    source: MEDIAPACKAGEV2_SOURCE,
    'detail-type': HARVEST_JOB_V2_NOTIFICATION,
    resources: [job.arn],
    detail: {
      harvestJob: {
        harvestJobName: job.harvestJobName,
        arn: job.arn,
        status: job.status,
        channelGroupName: job.channelGroupName,
        channelName: job.channelName,
        originEndpointName: job.originEndpointName,
        scheduleConfiguration: { startTime: isoSeconds(job.startMs), endTime: isoSeconds(job.endMs) },
        destination: { s3Destination: { bucketName: job.bucketName, destinationPath: job.destinationPath } },
        harvestedManifests: { hlsManifests: job.hlsManifests.map((manifestName) => ({ manifestName })) },
        message: job.status === 'COMPLETED' ? COMPLETED_MESSAGE : (job.errorMessage ?? 'Harvest job failed'),
      },
    },
  };
}
