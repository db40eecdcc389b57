// The AWS events the handlers consume, as EventBridge delivers them. They are AWS's contract, so
// they live in contracts/: the handlers read them, the local event bus and emulators write them,
// and neither can drift from the other.

/** An event exactly as EventBridge delivers it to a target. */
export interface EventBridgeEvent<TDetailType extends string = string, TDetail = unknown> {
  version: '0';
  id: string;
  'detail-type': TDetailType;
  source: string;
  account: string;
  /** ISO-8601, whole seconds, UTC (`2019-07-16T17:29:36Z`), as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: TDetail;
}

/** Both MediaPackage (v1) and MediaPackage-VOD events come from this source. */
export const MEDIAPACKAGE_SOURCE = 'aws.mediapackage';

/**
 * "MediaPackage HarvestJob Notification", as documented in the MediaPackage user guide
 * (Events -> Harvest job notification events): snake_case fields under `detail.harvest_job`,
 * and on failure a `detail.message` beside it.
 */
export const HARVEST_JOB_NOTIFICATION = 'MediaPackage HarvestJob Notification';

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

/** MediaPackage v2's events come from their own source (EventBridge events reference, "AWS Elemental MediaPackage events"). */
export const MEDIAPACKAGEV2_SOURCE = 'aws.mediapackagev2';

/**
 * "MediaPackageV2 HarvestJob Notification", as documented in the MediaPackage v2 user guide
 * (Monitoring with EventBridge events -> Harvest job notification events): sent when a job
 * COMPLETES or FAILS, camelCase fields under `detail.harvestJob`, with a `message` inside it.
 */
export const HARVEST_JOB_V2_NOTIFICATION = 'MediaPackageV2 HarvestJob Notification';

/** HarvestJobStatus of the MediaPackage v2 API model. */
export type HarvestJobV2Status = 'QUEUED' | 'IN_PROGRESS' | 'CANCELLED' | 'COMPLETED' | 'FAILED';

export interface HarvestedManifestV2 {
  manifestName: string;
}

export interface HarvestJobV2NotificationDetail {
  harvestJob: {
    harvestJobName: string;
    arn: string;
    status: Extract<HarvestJobV2Status, 'COMPLETED' | 'FAILED'>;
    channelGroupName: string;
    channelName: string;
    originEndpointName: string;
    /** ISO-8601 UTC in whole seconds. */
    scheduleConfiguration: { startTime: string; endTime: string };
    destination: { s3Destination: { bucketName: string; destinationPath: string } };
    harvestedManifests: {
      hlsManifests?: HarvestedManifestV2[];
      dashManifests?: HarvestedManifestV2[];
      lowLatencyHlsManifests?: HarvestedManifestV2[];
    };
    /** "Your harvest job is complete." or why it failed. */
    message: string;
  };
}

export type HarvestJobV2Notification = EventBridgeEvent<typeof HARVEST_JOB_V2_NOTIFICATION, HarvestJobV2NotificationDetail>;

/**
 * "MediaPackage Input Notification" for MediaPackage-VOD assets (user guide, "CloudWatch Events
 * for VOD"): the asset's ARN first in `resources`, and for VodAssetPlayable the packaging
 * configuration's ARN second.
 */
export const INPUT_NOTIFICATION = 'MediaPackage Input Notification';

export type InputNotificationKind = 'IngestStart' | 'IngestComplete' | 'IngestError' | 'VodAssetPlayable';

export interface InputNotificationDetail {
  event: InputNotificationKind;
  message: string;
  packaging_configuration_id?: string;
  manifest_urls?: string[];
}

export type InputNotificationEvent = EventBridgeEvent<typeof INPUT_NOTIFICATION, InputNotificationDetail>;

/** An event's `time` as EventBridge writes it: ISO 8601 in whole seconds. */
export function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
