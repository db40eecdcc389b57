// A local MediaPackage v1 over a synthetic archive, its object store and event bus: what the
// harvest and VOD ingest benchmarks harvest clips from, through CreateHarvestJob over HTTP with
// the AWS SDK, as startHarvest does.
import path from 'node:path';
import { CreateHarvestJobCommand, MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { createEventBus, HARVEST_JOB_NOTIFICATION_PATTERN, type EventBus, type HarvestJobNotification } from '../../local/eventbus/index.ts';
import { startMediaPackage, type RenditionArchive } from '../../local/mediapackage/index.ts';
import { createObjectStore, type ObjectStore } from '../../local/objectstore/index.ts';
import { encodeTemplate, writeSyntheticArchive } from './syntheticArchive.ts';

export const CLIPS_BUCKET = 'clips';

export interface HarvestRig {
  store: ObjectStore;
  bus: EventBus;
  renditions: RenditionArchive[];
  /** When the archive ends (epoch ms). */
  endMs: number;
  /** Harvests [startMs, endMs) into `<prefix>/index.m3u8` of the clips bucket; resolves when the job succeeded. */
  harvest(id: string, startMs: number, endMs: number, prefix: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarvestRig(dir: string, archiveMs: number): Promise<HarvestRig> {
  const template = await encodeTemplate(path.join(dir, 'template'));
  const dataDir = path.join(dir, 'mediapackage');
  const endMs = Date.now();
  const archive = await writeSyntheticArchive(path.join(dataDir, 'channels', 'live'), template, endMs, archiveMs);
  const bus = createEventBus({ log: () => {} });
  const store = createObjectStore({ root: path.join(dir, 'objects') });
  const mediaPackage = await startMediaPackage({ dataDir, objectStore: store, eventBus: bus, log: () => {} });
  // The local service checks no signature.
  const client = new MediaPackageClient({ endpoint: mediaPackage.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const waiting = new Map<string, (event: HarvestJobNotification) => void>();
  bus.subscribe(HARVEST_JOB_NOTIFICATION_PATTERN, async (event) => {
    const done = event as HarvestJobNotification;
    waiting.get(done.detail.harvest_job.id)?.(done);
  });
  return {
    store,
    bus,
    renditions: archive.orderedRenditions(),
    endMs,
    async harvest(id, startMs, jobEndMs, prefix) {
      const done = new Promise<HarvestJobNotification>((resolve) => waiting.set(id, resolve));
      await client.send(
        new CreateHarvestJobCommand({
          Id: id,
          OriginEndpointId: 'live-hls',
          StartTime: new Date(startMs).toISOString(),
          EndTime: new Date(jobEndMs).toISOString(),
          S3Destination: { BucketName: CLIPS_BUCKET, ManifestKey: `${prefix}/index.m3u8`, RoleArn: 'arn:aws:iam::000000000000:role/bench' },
        }),
      );
      const event = await done;
      waiting.delete(id);
      if (event.detail.harvest_job.status !== 'SUCCEEDED') throw new Error(`harvest ${id} failed: ${event.detail.message}`);
    },
    async stop() {
      await mediaPackage.stop();
      bus.stop();
      client.destroy();
    },
  };
}
