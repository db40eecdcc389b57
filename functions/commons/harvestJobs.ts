// Reading and cancelling clips' harvest jobs on the MediaPackage version of each competition's
// channel (contracts/liveChannel.ts), without the right to start one: the handlers that only
// follow or stop a clip's job (removeClip, cancelClip, clipPlayable, expireClips) get this, and
// neither CreateHarvestJob nor the harvest role to pass (infra/stacks/LiveToVodStack.ts, the
// `harvestJobs` and `harvester` services). Starting is harvester.ts, built on this.
import type { LiveChannelRef } from '../../contracts/liveChannel.ts';
import { MediaPackageV1Harvests } from './harvest/mediaPackageV1.ts';
import { MediaPackageV2Harvests, v2JobPathOf } from './harvest/mediaPackageV2.ts';
import type { HarvestedClip, HarvestJobState, JobCancel } from './harvest/types.ts';
import type { LiveChannels } from './liveChannels.ts';

export type { HarvestedClip, HarvestJobState, JobCancel } from './harvest/types.ts';

export class HarvestJobs {
  private v1Harvests?: MediaPackageV1Harvests;
  private v2Harvests?: MediaPackageV2Harvests;

  constructor(protected readonly live: LiveChannels) {}

  // Made on first use, as their clients are: a home on one version never builds the other.
  protected get v1(): MediaPackageV1Harvests {
    return (this.v1Harvests ??= new MediaPackageV1Harvests(this.live.v1Client));
  }

  protected get v2(): MediaPackageV2Harvests {
    return (this.v2Harvests ??= new MediaPackageV2Harvests(this.live.v2Client));
  }

  protected refOf(clip: Pick<HarvestedClip, 'competition'>): LiveChannelRef {
    return this.live.refOf(clip.competition);
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
}

export function harvestJobs(live: LiveChannels): HarvestJobs {
  return new HarvestJobs(live);
}
