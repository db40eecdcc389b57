import type { EventBridgeEvent, EventPattern } from './types.ts';

/**
 * "MediaPackage HarvestJob Notification", as documented in the MediaPackage user guide
 * (Events -> Harvest job notification events): snake_case fields under `detail.harvest_job`,
 * and on failure a `detail.message` beside it.
 */
export const HARVEST_JOB_NOTIFICATION = 'MediaPackage HarvestJob Notification';
export const MEDIAPACKAGE_SOURCE = 'aws.mediapackage';

export type HarvestJobStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface HarvestJobNotificationDetail {
  harvest_job: {
    id: string;
    arn: string;
    status: Exclude<HarvestJobStatus, 'IN_PROGRESS'>;
    origin_endpoint_id: string;
    start_time: string;
    end_time: string;
    s3_destination: { bucket_name: string; manifest_key: string; role_arn: string };
    created_at: string;
  };
  /** Why the job failed; present only when `status` is FAILED. */
  message?: string;
}

export type HarvestJobNotification = EventBridgeEvent<typeof HARVEST_JOB_NOTIFICATION, HarvestJobNotificationDetail>;

/** The rule the seed's stack puts on its harvest Lambda. */
export const HARVEST_JOB_NOTIFICATION_PATTERN: EventPattern = {
  source: [MEDIAPACKAGE_SOURCE],
  'detail-type': [HARVEST_JOB_NOTIFICATION],
};
