// The live part of the local home: MediaPackage (origin endpoints and harvest jobs) with one
// encoder per channel pushing to it, as MediaLive pushes to MediaPackage on AWS.
import { join } from 'node:path';
import { startEncoder, type Encoder } from '../encoder/index.ts';
import type { FfmpegBinary } from '../ffmpeg/index.ts';
import { startMediaPackage, type ChannelConfig, type MediaPackage } from '../mediapackage/index.ts';
import type { RequestFault } from '../rest/index.ts';
import type { PartContext, Teardown } from './part.ts';

export interface LiveOptions extends PartContext {
  channels: readonly ChannelConfig[];
  startoverWindowSeconds: number;
  harvestQuota: number | undefined;
  port: number | undefined;
  /** Start an encoder per channel; off, the channels stream nothing until something pushes to them. */
  encoders: boolean;
  source: string | undefined;
  ffmpeg: FfmpegBinary;  fault: RequestFault | undefined;
}

export async function startLive(options: LiveOptions, teardown: Teardown): Promise<MediaPackage> {
  const mediaPackage = await startMediaPackage({
    dataDir: join(options.dataDir, 'mediapackage'),
    objectStore: options.objectStore,
    eventBus: options.eventBus,
    startoverWindowSeconds: options.startoverWindowSeconds,
    harvestQuota: options.harvestQuota,
    host: options.host,
    port: options.port,
    region: options.region,
    account: options.account,
    channels: options.channels.map(({ id, originEndpointId }) => ({ id, originEndpointId })),
    ...(options.fault ? { fault: options.fault } : {}),
    log: options.log,
  });
  teardown.add(() => mediaPackage.stop());
  if (!options.encoders) return mediaPackage;

  const encoders: Encoder[] = [];
  teardown.add(async () => {
    await Promise.all(encoders.map((encoder) => encoder.stop()));
  });
  for (const channel of mediaPackage.channels) {
    encoders.push(await startEncoder({ ingestUrl: channel.ingestUrl, source: options.source, ffmpeg: options.ffmpeg, log: options.log }));
  }
  return mediaPackage;
}
