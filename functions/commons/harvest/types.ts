// What a harvest adapter (one per MediaPackage version) answers, in the words of the clip flow.
import type { Clip } from '../../../generated/schema.ts';

export interface CreatedJob {
  /** Names the job for jobState, whatever the version (v2 jobs are named by path). */
  harvestJobId: string;
  /** Where the harvested HLS manifest lands in the clips bucket: the VOD asset's source. */
  manifestKey: string;
}

/** An adapter's answer to a start. */
export type JobStart =
  | ({ outcome: 'started' } & CreatedJob)
  /** v2 made the job but queues it behind its quota of active jobs: the clip waits with it. */
  | ({ outcome: 'queued' } & CreatedJob)
  /** MediaPackage refused for its quota of active jobs (or throttled the call): try later. */
  | { outcome: 'throttled'; reason: string };

/** The harvester's answer: a made job also gets the time-shifted preview of its range. */
export type HarvestStart = Extract<JobStart, { outcome: 'throttled' }> | (Exclude<JobStart, { outcome: 'throttled' }> & { previewUrl: string });

/**
 * How a cancel ended: `cancelled` (stopped, or never made), `finished` (it ended first), or
 * `uncancellable` (v1 has no CancelHarvestJob: the job runs on, and its files are discarded when
 * it ends).
 */
export type JobCancel = 'cancelled' | 'finished' | 'uncancellable';

/** QUEUED: made, waiting for v2's quota of active jobs (v1 has no such state). */
export type HarvestJobState = 'QUEUED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'NOT_FOUND';

export type HarvestedClip = Pick<Clip, 'competition' | 'clipId' | 'startTime' | 'endTime'>;

export function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
