// Harvest jobs on MediaPackage v1 (CreateHarvestJob, DescribeHarvestJob). Starting is idempotent
// per clip: the job id is derived from it, so a second start of the same clip finds the first job.
import { CreateHarvestJobCommand, DescribeHarvestJobCommand, NotFoundException, type MediaPackageClient } from '@aws-sdk/client-mediapackage';
import type { HarvesterSettings } from '../../../contracts/handlerEnvironment.ts';
import type { V1ChannelRef } from '../../../contracts/liveChannel.ts';
import { harvestJobIdFor, manifestKeyFor } from '../clips.ts';
import { HarvestStartError, messageOf } from '../errors.ts';
import { statusOf, type HarvestedClip, type HarvestJobState, type JobCancel, type JobStart } from './types.ts';

/**
 * MediaPackage answers 429 TooManyRequestsException both for its request rate and for the quota
 * of harvest jobs in progress (10 per account); either way the job may start later.
 */
function isThrottled(error: unknown): boolean {
  return (error as { name?: string }).name === 'TooManyRequestsException' || statusOf(error) === 429;
}

export class MediaPackageV1Harvests {
  constructor(private readonly client: MediaPackageClient) {}

  jobIdFor(clip: HarvestedClip): string {
    return harvestJobIdFor(clip);
  }

  async start(clip: HarvestedClip, ref: V1ChannelRef, destination: HarvesterSettings): Promise<JobStart> {
    const id = this.jobIdFor(clip);
    try {
      await this.client.send(
        new CreateHarvestJobCommand({
          Id: id,
          OriginEndpointId: ref.originEndpointId,
          StartTime: clip.startTime,
          EndTime: clip.endTime,
          S3Destination: { BucketName: destination.clipsBucket, ManifestKey: manifestKeyFor(clip), RoleArn: destination.mediaPackageRoleArn },
        }),
      );
    } catch (error) {
      if (isThrottled(error)) return { outcome: 'throttled', reason: messageOf(error) };
      // A retried invocation, or two starters racing for one waiting clip: the job exists already.
      if ((await this.jobState(id).catch(() => 'NOT_FOUND')) === 'NOT_FOUND') {
        throw new HarvestStartError(`MediaPackage refused the harvest job: ${messageOf(error)}`, clip.clipId, { cause: error });
      }
    }
    return { outcome: 'started', harvestJobId: id, manifestKey: manifestKeyFor(clip) };
  }

  async cancel(harvestJobId: string): Promise<JobCancel> {
    const state = await this.jobState(harvestJobId);
    if (state === 'NOT_FOUND') return 'cancelled';
    return state === 'IN_PROGRESS' ? 'uncancellable' : 'finished';
  }

  async jobState(harvestJobId: string): Promise<HarvestJobState> {
    try {
      const job = await this.client.send(new DescribeHarvestJobCommand({ Id: harvestJobId }));
      return job.Status ?? 'IN_PROGRESS';
    } catch (error) {
      if (error instanceof NotFoundException) return 'NOT_FOUND';
      throw error;
    }
  }
}
