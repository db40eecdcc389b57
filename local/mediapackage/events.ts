import {
  HARVEST_JOB_NOTIFICATION,
  MEDIAPACKAGE_SOURCE,
  type EventInput,
  type HarvestJobNotificationDetail,
} from '../eventbus/index.ts';
import type { HarvestJobRecord } from './harvest/jobs.ts';

/** The event EventBridge delivers when a harvest job finishes (MediaPackage user guide, harvest job events). */
export function harvestJobNotification(
  job: HarvestJobRecord,
): EventInput<typeof HARVEST_JOB_NOTIFICATION, HarvestJobNotificationDetail> {
  if (job.status === 'IN_PROGRESS') throw new Error(`harvest job ${job.id} is not finished`);
  const detail: HarvestJobNotificationDetail = {
    harvest_job: {
      id: job.id,
      arn: job.arn,
      status: job.status,
      origin_endpoint_id: job.originEndpointId,
      start_time: job.startTime,
      end_time: job.endTime,
      s3_destination: {
        bucket_name: job.s3Destination.bucketName,
        manifest_key: job.s3Destination.manifestKey,
        role_arn: job.s3Destination.roleArn,
      },
      created_at: job.createdAt,
    },
  };
  if (job.status === 'FAILED') detail.message = job.message ?? 'Harvest job failed';
  return {
    source: MEDIAPACKAGE_SOURCE,
    'detail-type': HARVEST_JOB_NOTIFICATION,
    resources: [job.arn],
    detail,
  };
}
