// What a harvest adapter (one per MediaPackage version) answers, in the words of the clip flow.
import type { Clip } from '../../../generated/schema.ts';

/** An adapter's answer to a start. */
export type JobStart =
  | {
      outcome: 'started';
      /** Names the job for jobState, whatever the version (v2 jobs are named by path). */
      harvestJobId: string;
      /** Where the harvested HLS manifest lands in the clips bucket: the VOD asset's source. */
      manifestKey: string;
    }
  /** MediaPackage refused for its quota of active jobs (or throttled the call): try later. */
  | { outcome: 'throttled'; reason: string };

/** The harvester's answer: a started job also gets the time-shifted preview of its range. */
export type HarvestStart = Exclude<JobStart, { outcome: 'started' }> | (Extract<JobStart, { outcome: 'started' }> & { previewUrl: string });

export type HarvestJobState = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'NOT_FOUND';

export type HarvestedClip = Pick<Clip, 'competition' | 'clipId' | 'startTime' | 'endTime'>;

export function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
