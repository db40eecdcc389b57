// The live part of the local home: MediaPackage v1 and v2 (origin endpoints and harvest jobs),
// each with its channels, and one encoder per channel pushing to it, as MediaLive pushes to
// MediaPackage on AWS. Both origins always run (one may have no channel), so a script can make
// resources on either through its API.
import { join } from 'node:path';
import { formatChannelRef, type LiveChannelRef } from '../../contracts/liveChannel.ts';
import { startEncoder, type Encoder } from '../encoder/index.ts';
import type { FfmpegBinary } from '../ffmpeg/index.ts';
import { startMediaPackage, type MediaPackage } from '../mediapackage/index.ts';
import { startMediaPackageV2, type HarvestFault, type MediaPackageV2 } from '../mediapackage-v2/index.ts';
import type { RequestFault } from '../rest/index.ts';
import type { PartContext, Teardown } from './part.ts';

/**
 * A live channel, and the competitions clipped from it besides the one its id names (every other
 * competition clips from the first channel).
 */
export interface LiveChannel {
  /** The channel's id; it names a competition too, the one the page shows on it. */
  id: string;
  /** Its origin endpoint: v1's id, or v2's endpoint name in channel group `live` and channel `id`. */
  originEndpointId: string;
  /** @default 'v2', the version AWS recommends for new workflows */
  version?: 'v1' | 'v2';
  competitions?: string[];
}

/** The channel group of the home's v2 channels. */
export const LIVE_CHANNEL_GROUP = 'live';
/** The HLS manifest of a v2 channel's origin endpoint that clips are harvested from. */
const V2_MANIFEST = 'index';

export interface LiveChannelView {
  id: string;
  competitions: string[];
  ref: LiveChannelRef;
  ingestUrl: string;
  playbackUrl: string;
}

export interface Live {
  v1: MediaPackage;
  v2: MediaPackageV2;
  channels: LiveChannelView[];
  /** The first channel: every competition without a channel of its own clips from it. */
  defaultChannel: LiveChannelView;
  /**
   * Stops the encoders and both MediaPackage origins, runs `whileDown`, and starts them again on
   * the same ports and data (v2's jobs in progress resume): a fault for tests.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

export interface LiveOptions extends PartContext {
  channels: readonly LiveChannel[];
  startoverWindowSeconds: number;
  harvestQuota: number | undefined;
  ports: { v1: number | undefined; v2: number | undefined };
  /** Start an encoder per channel; off, the channels stream nothing until something pushes to them. */
  encoders: boolean;
  source: string | undefined;
  ffmpeg: FfmpegBinary;
  faults: { v1: RequestFault | undefined; v2: RequestFault | undefined; harvest?: HarvestFault | undefined };
}

export function channelRefOf(channel: LiveChannel): LiveChannelRef {
  return (channel.version ?? 'v2') === 'v1'
    ? { version: 'v1', originEndpointId: channel.originEndpointId }
    : { version: 'v2', channelGroup: LIVE_CHANNEL_GROUP, channel: channel.id, originEndpoint: channel.originEndpointId, manifest: V2_MANIFEST };
}

export async function startLive(options: LiveOptions, teardown: Teardown): Promise<Live> {
  if (options.channels.length === 0) throw new Error('the local home needs at least one live channel');
  let running = await startLiveParts(options, options.ports);
  teardown.add(() => stopLiveParts(running));
  const channels = options.channels.map((channel): LiveChannelView => {
    const ref = channelRefOf(channel);
    const served =
      ref.version === 'v1'
        ? running.v1.channels.find((candidate) => candidate.id === channel.id)
        : running.v2.channels.find((candidate) => candidate.channelName === channel.id);
    if (!served) throw new Error(`channel ${channel.id} (${formatChannelRef(ref)}) did not start`);
    return { id: channel.id, competitions: channel.competitions ?? [], ref, ingestUrl: served.ingestUrl, playbackUrl: served.playbackUrl };
  });
  const [defaultChannel] = channels;
  if (!defaultChannel) throw new Error('the local home needs at least one live channel');
  return {
    get v1() {
      return running.v1;
    },
    get v2() {
      return running.v2;
    },
    channels,
    defaultChannel,
    async restart(whileDown) {
      // The same ports: the handlers, the encoders and stored preview URLs name them.
      const ports = { v1: portOf(running.v1.url), v2: portOf(running.v2.url) };
      await stopLiveParts(running);
      options.log('[home] MediaPackage and the encoders stopped');
      try {
        await whileDown?.();
      } finally {
        running = await startLiveParts(options, ports);
        options.log('[home] MediaPackage and the encoders started again');
      }
    },
  };
}

interface LiveParts {
  v1: MediaPackage;
  v2: MediaPackageV2;
  encoders: Encoder[];
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

async function stopLiveParts(parts: LiveParts): Promise<void> {
  // Encoders first: they push to the origins.
  await Promise.all(parts.encoders.map((encoder) => encoder.stop()));
  await parts.v2.stop();
  await parts.v1.stop();
}

async function startLiveParts(options: LiveOptions, ports: LiveOptions['ports']): Promise<LiveParts> {
  const common = {
    objectStore: options.objectStore,
    eventBus: options.eventBus,
    harvestQuota: options.harvestQuota,
    host: options.host,
    region: options.region,
    account: options.account,
    log: options.log,
  };
  const ofVersion = (version: 'v1' | 'v2') => options.channels.filter((channel) => (channel.version ?? 'v2') === version);
  const v1 = await startMediaPackage({
    ...common,
    dataDir: join(options.dataDir, 'mediapackage'),
    startoverWindowSeconds: options.startoverWindowSeconds,
    port: ports.v1,
    channels: ofVersion('v1').map(({ id, originEndpointId }) => ({ id, originEndpointId })),
    ...(options.faults.v1 ? { fault: options.faults.v1 } : {}),
  });
  const encoders: Encoder[] = [];
  let v2: MediaPackageV2 | undefined;
  try {
    v2 = await startMediaPackageV2({
      ...common,
      dataDir: join(options.dataDir, 'mediapackage-v2'),
      port: ports.v2,
      channels: ofVersion('v2').map(({ id, originEndpointId }) => ({
        channelGroupName: LIVE_CHANNEL_GROUP,
        channelName: id,
        originEndpointName: originEndpointId,
        startoverWindowSeconds: options.startoverWindowSeconds,
      })),
      ...(options.faults.v2 ? { fault: options.faults.v2 } : {}),
      ...(options.faults.harvest ? { harvestFault: options.faults.harvest } : {}),
    });
    if (options.encoders) {
      for (const { ingestUrl } of [...v1.channels, ...v2.channels]) {
        encoders.push(await startEncoder({ ingestUrl, source: options.source, ffmpeg: options.ffmpeg, log: options.log }));
      }
    }
    return { v1, v2, encoders };
  } catch (error) {
    await Promise.all(encoders.map((encoder) => encoder.stop()));
    await v2?.stop();
    await v1.stop();
    throw error;
  }
}
