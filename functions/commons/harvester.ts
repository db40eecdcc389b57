// Starting a clip's harvest job on the MediaPackage version of its competition's channel: one
// port for the clip flow, an adapter per version (harvest/mediaPackageV1.ts,
// harvest/mediaPackageV2.ts). MediaPackage's quota of active jobs is an outcome, not an error:
// the clip waits its turn, per quota scope (v1 counts per account, v2 per channel group). Only the
// handlers that start jobs (startHarvest, packageClip, sweepClips) get this and its permissions.
import type { HarvesterSettings } from '../../contracts/handlerEnvironment.ts';
import { HarvestJobs } from './harvestJobs.ts';
import type { HarvestedClip, HarvestStart } from './harvest/types.ts';
import type { LiveChannels } from './liveChannels.ts';

export type { HarvestStart } from './harvest/types.ts';

/** MediaPackage's time-shifted playback: the endpoint URL with start and end query parameters. */
function previewUrlFor(endpointUrl: string, startTime: string, endTime: string): string {
  const url = new URL(endpointUrl);
  url.searchParams.set('start', startTime);
  url.searchParams.set('end', endTime);
  return url.toString();
}

export class Harvester extends HarvestJobs {
  constructor(
    live: LiveChannels,
    private readonly destination: HarvesterSettings,
  ) {
    super(live);
  }

  async start(clip: HarvestedClip): Promise<HarvestStart> {
    const ref = this.refOf(clip);
    const start = ref.version === 'v1' ? await this.v1.start(clip, ref, this.destination) : await this.v2.start(clip, ref, this.destination);
    return start.outcome === 'throttled' ? start : { ...start, previewUrl: await this.previewUrlOf(clip) };
  }

  /** Clips in one scope share a quota of active jobs: a full one holds back only its own clips. */
  quotaScopeOf(clip: Pick<HarvestedClip, 'competition'>): string {
    const ref = this.refOf(clip);
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
