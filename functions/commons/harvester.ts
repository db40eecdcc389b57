// Starting and checking a clip's MediaPackage harvest job. Starting is idempotent per clip (the
// job id is derived from it): a second start of the same clip finds the first job. MediaPackage's
// quota of harvest jobs in progress is an outcome, not an error: the clip waits its turn.
import { CreateHarvestJobCommand, DescribeHarvestJobCommand, NotFoundException, type MediaPackageClient } from '@aws-sdk/client-mediapackage';
import type { HarvesterSettings } from '../../contracts/handlerEnvironment.ts';
import type { Clip } from '../../generated/schema.ts';
import { harvestJobIdFor, manifestKeyFor } from './clips.ts';
import { HarvestStartError, messageOf } from './errors.ts';
import type { LiveChannels } from './liveChannels.ts';

export type HarvestStart =
  | { outcome: 'started'; harvestJobId: string; previewUrl: string }
  /** MediaPackage refused for its quota of jobs in progress (or throttled the call): try later. */
  | { outcome: 'throttled'; reason: string };

export type HarvestJobState = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'NOT_FOUND';

type HarvestedClip = Pick<Clip, 'competition' | 'clipId' | 'startTime' | 'endTime'>;

/**
 * MediaPackage answers 429 TooManyRequestsException both for its request rate and for the quota
 * of harvest jobs in progress; either way the job may start later.
 */
function isThrottled(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (error as { name?: string }).name === 'TooManyRequestsException' || status === 429;
}

/** MediaPackage's time-shifted playback: the endpoint URL with start and end query parameters. */
function previewUrlFor(endpointUrl: string, startTime: string, endTime: string): string {
  const url = new URL(endpointUrl);
  url.searchParams.set('start', startTime);
  url.searchParams.set('end', endTime);
  return url.toString();
}

export class Harvester {
  constructor(
    private readonly live: LiveChannels,
    private readonly config: HarvesterSettings,
  ) {}

  private get client(): MediaPackageClient {
    return this.live.client;
  }

  async start(clip: HarvestedClip): Promise<HarvestStart> {
    const id = harvestJobIdFor(clip);
    try {
      await this.client.send(
        new CreateHarvestJobCommand({
          Id: id,
          OriginEndpointId: this.live.originEndpointOf(clip.competition),
          StartTime: clip.startTime,
          EndTime: clip.endTime,
          S3Destination: {
            BucketName: this.config.clipsBucket,
            ManifestKey: manifestKeyFor(clip),
            RoleArn: this.config.mediaPackageRoleArn,
          },
        }),
      );
    } catch (error) {
      if (isThrottled(error)) return { outcome: 'throttled', reason: messageOf(error) };
      // A retried invocation, or two starters racing for one waiting clip: the job exists already.
      if ((await this.jobState(id).catch(() => 'NOT_FOUND')) === 'NOT_FOUND') {
        throw new HarvestStartError(`MediaPackage refused the harvest job: ${messageOf(error)}`, clip.clipId, { cause: error });
      }
    }
    return { outcome: 'started', harvestJobId: id, previewUrl: await this.previewUrlOf(clip) };
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

  /** The live origin's time-shifted URL for the clip's range: playable before any harvest. */
  async previewUrlOf(clip: HarvestedClip): Promise<string> {
    const { playbackUrl } = await this.live.channelOf(clip.competition);
    return previewUrlFor(playbackUrl, clip.startTime, clip.endTime);
  }
}

export function harvester(config: HarvesterSettings, live: LiveChannels): Harvester {
  return new Harvester(live, config);
}
