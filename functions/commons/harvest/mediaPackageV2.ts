// Harvest jobs on MediaPackage v2 (CreateHarvestJob, GetHarvestJob, ListHarvestJobs). v2 names a
// job by its channel group, channel, origin endpoint and job name, so the clip's harvest job id is
// that path: `v2:<group>/<channel>/<endpoint>/<job name>`. The job name and the ClientToken are
// derived from the clip, so a second start of the same clip finds the first job.
//
// v2 does not refuse a job beyond its quota of active jobs per channel group ("Maximum active
// harvest jobs: 10 per channel group", MediaPackage v2 user guide, Quotas): it queues it (QUEUED)
// and starts queued jobs in the order they were made. v2 does the counting, then: a start that
// v2 queued answers `queued`, and the clip waits as PENDING until its job is IN_PROGRESS.
import {
  CancelHarvestJobCommand,
  ConflictException,
  CreateHarvestJobCommand,
  GetHarvestJobCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
  type HarvestJobStatus,
  type MediaPackageV2Client,
} from '@aws-sdk/client-mediapackagev2';
import type { HarvesterSettings } from '../../../contracts/handlerEnvironment.ts';
import type { V2ChannelRef } from '../../../contracts/liveChannel.ts';
import { clipPrefixFor, harvestJobIdFor } from '../clips.ts';
import { HarvestStartError, messageOf } from '../errors.ts';
import { v2EndpointNames } from '../liveChannels.ts';
import type { HarvestedClip, HarvestJobState, JobCancel, JobStart } from './types.ts';

type V2JobPath = Pick<V2ChannelRef, 'channelGroup' | 'channel' | 'originEndpoint'> & { jobName: string };

function jobIdOf(ref: V2ChannelRef, jobName: string): string {
  return `v2:${ref.channelGroup}/${ref.channel}/${ref.originEndpoint}/${jobName}`;
}

/** The job a v2 harvest job id names; undefined for a v1 id. */
export function v2JobPathOf(harvestJobId: string): V2JobPath | undefined {
  if (!harvestJobId.startsWith('v2:')) return undefined;
  const [channelGroup = '', channel = '', originEndpoint = '', jobName = ''] = harvestJobId.slice(3).split('/');
  return { channelGroup, channel, originEndpoint, jobName };
}

const STATE_OF: Record<HarvestJobStatus, HarvestJobState> = {
  QUEUED: 'QUEUED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELLED: 'FAILED',
};

export class MediaPackageV2Harvests {
  constructor(private readonly client: MediaPackageV2Client) {}

  jobIdFor(clip: HarvestedClip, ref: V2ChannelRef): string {
    return jobIdOf(ref, harvestJobIdFor(clip));
  }

  async start(clip: HarvestedClip, ref: V2ChannelRef, destination: HarvesterSettings): Promise<JobStart> {
    const jobName = harvestJobIdFor(clip);
    const harvestJobId = this.jobIdFor(clip, ref);
    const destinationPath = clipPrefixFor(clip).replace(/\/$/, '');
    // A v2 harvest writes each harvested manifest as <DestinationPath>/<ManifestName>.m3u8.
    const job = { harvestJobId, manifestKey: `${destinationPath}/${ref.manifest}.m3u8` };
    try {
      const made = await this.client.send(
        new CreateHarvestJobCommand({
          ...v2EndpointNames(ref),
          HarvestJobName: jobName,
          ClientToken: jobName,
          HarvestedManifests: { HlsManifests: [{ ManifestName: ref.manifest }] },
          ScheduleConfiguration: { StartTime: new Date(clip.startTime), EndTime: new Date(clip.endTime) },
          Destination: { S3Destination: { BucketName: destination.clipsBucket, DestinationPath: destinationPath } },
        }),
      );
      return { outcome: made.Status === 'QUEUED' ? 'queued' : 'started', ...job };
    } catch (error) {
      if (error instanceof ThrottlingException || error instanceof ServiceQuotaExceededException) return { outcome: 'throttled', reason: messageOf(error) };
      // A retried invocation, or two starters racing for one waiting clip: the job exists already.
      const state = error instanceof ConflictException ? await this.jobState(harvestJobId).catch(() => 'NOT_FOUND' as const) : 'NOT_FOUND';
      if (state === 'NOT_FOUND') throw new HarvestStartError(`MediaPackage v2 refused the harvest job: ${messageOf(error)}`, clip.clipId, { cause: error });
      return { outcome: state === 'QUEUED' ? 'queued' : 'started', ...job };
    }
  }

  /**
   * Cancels the job if it has not ended. The ETag read with it makes the cancel conditional
   * (`x-amzn-update-if-match`, MediaPackage v2 API reference, CancelHarvestJob): a job that moved
   * on in between answers ConflictException and is read again.
   */
  async cancel(harvestJobId: string, attempts = 2): Promise<JobCancel> {
    const path = v2JobPathOf(harvestJobId);
    if (!path) return 'cancelled';
    const names = { ...v2EndpointNames(path), HarvestJobName: path.jobName };
    try {
      const job = await this.client.send(new GetHarvestJobCommand(names));
      if (job.Status === 'CANCELLED') return 'cancelled';
      if (job.Status === 'COMPLETED' || job.Status === 'FAILED') return 'finished';
      await this.client.send(new CancelHarvestJobCommand({ ...names, ETag: job.ETag }));
      return 'cancelled';
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return 'cancelled';
      if (error instanceof ConflictException && attempts > 1) return this.cancel(harvestJobId, attempts - 1);
      // Cancelling a job that has ended is refused as ineligible: it ended first.
      if (error instanceof ValidationException) return 'finished';
      throw error;
    }
  }

  async jobState(harvestJobId: string): Promise<HarvestJobState> {
    const path = v2JobPathOf(harvestJobId);
    if (!path) return 'NOT_FOUND';
    try {
      const job = await this.client.send(new GetHarvestJobCommand({ ...v2EndpointNames(path), HarvestJobName: path.jobName }));
      return job.Status ? STATE_OF[job.Status] : 'IN_PROGRESS';
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return 'NOT_FOUND';
      throw error;
    }
  }

  /** Why a job FAILED: GetHarvestJob's ErrorMessage ("An error message if the harvest job encountered any issues", the SDK model). */
  async failureOf(harvestJobId: string): Promise<string | undefined> {
    const path = v2JobPathOf(harvestJobId);
    if (!path) return undefined;
    const job = await this.client.send(new GetHarvestJobCommand({ ...v2EndpointNames(path), HarvestJobName: path.jobName }));
    return job.Status === 'FAILED' ? job.ErrorMessage : undefined;
  }
}
