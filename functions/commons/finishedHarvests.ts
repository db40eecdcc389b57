// A finished harvest job, from either MediaPackage version's EventBridge event, in the words of
// the clip flow. Only jobs this project made name a clip: their id (v1) or name (v2) is derived
// from the clip, and they write under the clip's prefix of the clips bucket.
import type { HarvestJobNotification, HarvestJobV2Notification } from '../../contracts/events.ts';
import { clipKeyOf, clipPrefixFor, manifestKeyFor, type ClipKey } from './clips.ts';

export interface FinishedHarvest {
  key: ClipKey;
  /** How the job is named in the logs: v1's id, v2's name. */
  jobName: string;
  succeeded: boolean;
  /** Why it failed; MediaPackage's words. */
  message: string | undefined;
  /** Where the harvested HLS manifest is in the clips bucket. */
  manifestKey: string;
}

export type HarvestJobEvent = HarvestJobNotification | HarvestJobV2Notification;

function fromV1(event: HarvestJobNotification): FinishedHarvest | undefined {
  const job = event.detail.harvest_job;
  const key = clipKeyOf(job.id);
  if (!key || job.s3_destination.manifest_key !== manifestKeyFor(key)) return undefined;
  return { key, jobName: job.id, succeeded: job.status === 'SUCCEEDED', message: event.detail.message, manifestKey: job.s3_destination.manifest_key };
}

function fromV2(event: HarvestJobV2Notification): FinishedHarvest | undefined {
  const job = event.detail.harvestJob;
  const key = clipKeyOf(job.harvestJobName);
  const destinationPath = job.destination.s3Destination.destinationPath;
  // The API names a manifest without its extension; AWS's event examples show it with one.
  const manifest = job.harvestedManifests.hlsManifests?.[0]?.manifestName.replace(/\.m3u8$/, '');
  if (!key || !manifest || `${destinationPath}/` !== clipPrefixFor(key)) return undefined;
  return {
    key,
    jobName: job.harvestJobName,
    succeeded: job.status === 'COMPLETED',
    message: job.status === 'FAILED' ? job.message : undefined,
    // A v2 harvest writes each harvested manifest as <DestinationPath>/<ManifestName>.m3u8.
    manifestKey: `${destinationPath}/${manifest}.m3u8`,
  };
}

/** The clip's finished harvest the event tells of; undefined for jobs of no clip. */
export function finishedHarvestOf(event: HarvestJobEvent): FinishedHarvest | undefined {
  return 'harvest_job' in event.detail ? fromV1(event as HarvestJobNotification) : fromV2(event as HarvestJobV2Notification);
}
