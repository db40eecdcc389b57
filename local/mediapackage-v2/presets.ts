// Resources a local home asks for at start: a channel group, a channel and one TS origin
// endpoint with an `index` HLS manifest, created as the API would create them.
import type { Resources } from './resources.ts';

export interface ChannelPreset {
  channelGroupName: string;
  channelName: string;
  /** One TS origin endpoint with one HLS manifest, `index`. */
  originEndpointName: string;
  /** @default 3600 */
  startoverWindowSeconds?: number;
  /** The live manifest's length. @default 60 */
  manifestWindowSeconds?: number;
}

export const DEFAULT_PRESET = { channelGroupName: 'live', channelName: 'live', originEndpointName: 'live-hls' };

export async function createPreset(resources: Resources, preset: ChannelPreset): Promise<Required<ChannelPreset>> {
  const full = { startoverWindowSeconds: 3600, manifestWindowSeconds: 60, ...preset };
  if (!resources.groups.has(full.channelGroupName)) resources.createGroup(full.channelGroupName, undefined, {});
  const channel = await resources.createChannel(full.channelGroupName, full.channelName, undefined, {});
  resources.addEndpoint(
    channel,
    {
      channelGroupName: full.channelGroupName,
      channelName: full.channelName,
      originEndpointName: full.originEndpointName,
      containerType: 'TS',
      startoverWindowSeconds: full.startoverWindowSeconds,
      segment: { segmentDurationSeconds: 2, segmentName: 'segment' },
      hlsManifests: [{ manifestName: 'index', childManifestName: undefined, manifestWindowSeconds: full.manifestWindowSeconds, programDateTimeIntervalSeconds: 2 }],
    },
    undefined,
    {},
  );
  return full;
}

