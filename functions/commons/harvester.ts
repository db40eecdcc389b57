// Starting and checking a clip's harvest job on the MediaPackage version of its competition's
// channel (contracts/liveChannel.ts): one port for the clip flow, an adapter per version
// (harvest/mediaPackageV1.ts, harvest/mediaPackageV2.ts). MediaPackage's quota of active jobs is
// an outcome, not an error: the clip waits its turn, per quota scope (v1 counts per account, v2
// per channel group).
import type { HarvesterSettings } from '../../contracts/handlerEnvironment.ts';
import type { LiveChannelRef } from '../../contracts/liveChannel.ts';
import { MediaPackageV1Harvests } from './harvest/mediaPackageV1.ts';
import { MediaPackageV2Harvests, v2JobPathOf } from './harvest/mediaPackageV2.ts';
import type { HarvestedClip, HarvestJobState, HarvestStart, JobCancel } from './harvest/types.ts';
import type { LiveChannels } from './liveChannels.ts';

export type { HarvestedClip, HarvestJobState, HarvestStart, JobCancel } from './harvest/types.ts';

/** MediaPackage's time-shifted playback: the endpoint URL with start and end query parameters. */
function previewUrlFor(endpointUrl: string, startTime: string, endTime: string): string {
  const url = new URL(endpointUrl);
  url.searchParams.set('start', startTime);
  url.searchParams.set('end', endTime);
  return url.toString();
}

export class Harvester {
  private v1Harvests?: MediaPackageV1Harvests;
  private v2Harvests?: MediaPackageV2Harvests;

  constructor(
    private readonly live: LiveChannels,
    private readonly config: HarvesterSettings,
  ) {}

  // Made on first use, as their clients are: a home on one version never builds the other.
  private get v1(): MediaPackageV1Harvests {
    return (this.v1Harvests ??= new MediaPackageV1Harvests(this.live.v1Client, this.config));
  }

  private get v2(): MediaPackageV2Harvests {
    return (this.v2Harvests ??= new MediaPackageV2Harvests(this.live.v2Client, this.config));
  }

  private refOf(clip: HarvestedClip): LiveChannelRef {
    return this.live.refOf(clip.competition);
  }

  async start(clip: HarvestedClip): Promise<HarvestStart> {
    const ref = this.refOf(clip);
    const start = ref.version === 'v1' ? await this.v1.start(clip, ref) : await this.v2.start(clip, ref);
    return start.outcome === 'throttled' ? start : { ...start, previewUrl: await this.previewUrlOf(clip) };
  }

  /** The id the clip's job has (or would have) on its channel: for clips whose start was not recorded. */
  jobIdFor(clip: HarvestedClip): string {
    const ref = this.refOf(clip);
    return ref.version === 'v1' ? this.v1.jobIdFor(clip) : this.v2.jobIdFor(clip, ref);
  }

  /** Stops the job if it runs still (see JobCancel for what each answer means). */
  cancel(harvestJobId: string): Promise<JobCancel> {
    return v2JobPathOf(harvestJobId) ? this.v2.cancel(harvestJobId) : this.v1.cancel(harvestJobId);
  }

  jobState(harvestJobId: string): Promise<HarvestJobState> {
    return v2JobPathOf(harvestJobId) ? this.v2.jobState(harvestJobId) : this.v1.jobState(harvestJobId);
  }

  /** Why a FAILED job failed, where the version says: v2's GetHarvestJob does, v1's DescribeHarvestJob has no such field. */
  failureOf(harvestJobId: string): Promise<string | undefined> {
    return v2JobPathOf(harvestJobId) ? this.v2.failureOf(harvestJobId) : Promise.resolve(undefined);
  }

  /** Clips in one scope share a quota of active jobs: a full one holds back only its own clips. */
  quotaScopeOf(clip: Pick<HarvestedClip, 'competition'>): string {
    const ref = this.live.refOf(clip.competition);
    return ref.version === 'v1' ? 'mediapackage' : `mediapackagev2:${ref.channelGroup}`;
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
