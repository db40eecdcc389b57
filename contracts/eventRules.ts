// The EventBridge rules that move a clip on, in one definition: the CDK stack deploys exactly
// these patterns, and the local event bus routes by them, so a handler gets locally only the
// events AWS would deliver to it.
import { HARVEST_JOB_NOTIFICATION, HARVEST_JOB_V2_NOTIFICATION, INPUT_NOTIFICATION, MEDIAPACKAGE_SOURCE, MEDIAPACKAGEV2_SOURCE } from './events.ts';

/**
 * An EventBridge event pattern in its JSON form (EventBridge user guide, "Event patterns").
 * Leaves are arrays of allowed values or content filters: `{ prefix }`, `{ suffix }`,
 * `{ 'anything-but': value | values | { prefix } }`, `{ exists }`,
 * `{ numeric: ['>=', 0, '<', 10] }`, `{ 'equals-ignore-case': value }`.
 */
export interface EventPattern {
  [field: string]: EventPattern | PatternLeaf[];
}

export type PatternLeaf = string | number | boolean | null | ContentFilter;

export type ContentFilter =
  | { prefix: string }
  | { suffix: string }
  | { 'anything-but': string | number | (string | number)[] | { prefix: string } }
  | { exists: boolean }
  | { numeric: (string | number)[] }
  | { 'equals-ignore-case': string };

/** Where the rules look: the home's clips bucket and account. */
export interface ClipRuleScope {
  /** Only harvest jobs writing into this bucket are clips. */
  clipsBucketName: string;
  partition: string;
  region: string;
  account: string;
}

/** `arn:<partition>:mediapackage-vod:<region>:<account>:assets/`, what every asset's ARN starts with. */
export function assetArnPrefix(scope: Pick<ClipRuleScope, 'partition' | 'region' | 'account'>): string {
  return `arn:${scope.partition}:mediapackage-vod:${scope.region}:${scope.account}:assets/`;
}

export interface ClipEventRules {
  /** Finished MediaPackage v1 harvest jobs (SUCCEEDED or FAILED) into the clips bucket -> packageClip. */
  harvestJobs: EventPattern;
  /** Finished MediaPackage v2 harvest jobs (COMPLETED or FAILED) into the clips bucket -> packageClip. */
  harvestJobsV2: EventPattern;
  /** MediaPackage-VOD assets playable or failed -> clipPlayable. */
  vodAssets: EventPattern;
}

export function clipEventRules(scope: ClipRuleScope): ClipEventRules {
  return {
    harvestJobs: {
      source: [MEDIAPACKAGE_SOURCE],
      'detail-type': [HARVEST_JOB_NOTIFICATION],
      detail: { harvest_job: { status: ['SUCCEEDED', 'FAILED'], s3_destination: { bucket_name: [scope.clipsBucketName] } } },
    },
    harvestJobsV2: {
      source: [MEDIAPACKAGEV2_SOURCE],
      'detail-type': [HARVEST_JOB_V2_NOTIFICATION],
      detail: { harvestJob: { status: ['COMPLETED', 'FAILED'], destination: { s3Destination: { bucketName: [scope.clipsBucketName] } } } },
    },
    vodAssets: {
      source: [MEDIAPACKAGE_SOURCE],
      'detail-type': [INPUT_NOTIFICATION],
      // Live channels send "Input Notification" events too; only VOD assets are clips.
      resources: [{ prefix: assetArnPrefix(scope) }],
      detail: { event: ['VodAssetPlayable', 'IngestError'] },
    },
  };
}
