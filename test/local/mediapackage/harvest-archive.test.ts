import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateHarvestJobCommand, DescribeHarvestJobCommand, type MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEventBus,
  HARVEST_JOB_NOTIFICATION_PATTERN,
  type EventBus,
  type HarvestJobNotification,
} from '../../../local/eventbus/index.ts';
import { ChannelArchive, startMediaPackage, type MediaPackage } from '../../../local/mediapackage/index.ts';
import { createObjectStore, type ObjectStore } from '../../../local/objectstore/index.ts';
import { mediaPackageClient } from './helpers.ts';

// An archive written directly, as the origin writes it, ending 10 s ago: no encoder runs here, so
// the origin never receives newer content. The segment bytes are placeholders (nothing decodes them).
const ARCHIVE_END_MS = Date.now() - 10_000;
const ROLE = 'arn:aws:iam::000000000000:role/MediaPackageHarvestRole';

let dir: string;
let bus: EventBus;
let store: ObjectStore;
let mediaPackage: MediaPackage;
let client: MediaPackageClient;
const events: HarvestJobNotification[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'harvest-archive-'));
  const dataDir = path.join(dir, 'mediapackage');
  const archive = await ChannelArchive.open(path.join(dataDir, 'channels', 'live'));
  for (const rendition of ['0', '1']) {
    for (let i = 0; i < 30; i += 1) {
      const file = path.join(dir, `${rendition}-${i}.ts`);
      await writeFile(file, `rendition ${rendition} segment ${i}`);
      await archive.rendition(rendition).append(file, {
        startMs: ARCHIVE_END_MS - 60_000 + i * 2_000,
        durationMs: 2_000,
        session: 'synthetic',
        anchorMs: ARCHIVE_END_MS - 60_000,
        ingestMsn: i,
        discontinuity: false,
      });
    }
  }
  bus = createEventBus({ log: () => {} });
  bus.subscribe(HARVEST_JOB_NOTIFICATION_PATTERN, async (event) => {
    events.push(event as HarvestJobNotification);
  });
  store = createObjectStore({ root: path.join(dir, 'objects') });
  mediaPackage = await startMediaPackage({ dataDir, objectStore: store, eventBus: bus, ingestGraceSeconds: 0.2, log: () => {} });
  client = mediaPackageClient(mediaPackage.url);
});

afterAll(async () => {
  await mediaPackage?.stop();
  bus?.stop();
  client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

const input = (id: string, startMs: number, endMs: number) => ({
  Id: id,
  OriginEndpointId: 'live-hls',
  StartTime: new Date(startMs).toISOString(),
  EndTime: new Date(endMs).toISOString(),
  S3Destination: { BucketName: 'clips', ManifestKey: `jobs/${id}.m3u8`, RoleArn: ROLE },
});

describe('harvest jobs over a recorded archive', () => {
  it('hard-links whole segments into the bucket, named after the manifest key', async () => {
    // Boundaries 1 s inside segments: both boundary segments come whole.
    await client.send(new CreateHarvestJobCommand(input('inside', ARCHIVE_END_MS - 9_000, ARCHIVE_END_MS - 3_000)));
    await mediaPackage.idle();
    expect((await client.send(new DescribeHarvestJobCommand({ Id: 'inside' }))).Status).toBe('SUCCEEDED');
    expect(await store.list('clips', 'jobs/')).toEqual([
      'jobs/inside.m3u8',
      'jobs/inside_1.m3u8',
      'jobs/inside_1_0.ts',
      'jobs/inside_1_1.ts',
      'jobs/inside_1_2.ts',
      'jobs/inside_1_3.ts',
      'jobs/inside_2.m3u8',
      'jobs/inside_2_0.ts',
      'jobs/inside_2_1.ts',
      'jobs/inside_2_2.ts',
      'jobs/inside_2_3.ts',
    ]);
    const archived = await stat(path.join(dir, 'mediapackage', 'channels', 'live', '0', '25.ts'));
    expect((await stat(store.pathOf('clips', 'jobs/inside_1_0.ts'))).ino).toBe(archived.ino);
    expect((await store.get('clips', 'jobs/inside_1_0.ts')).toString()).toBe('rendition 0 segment 25');
  });

  it('fails a job whose end the origin never receives, with the reason in the event', async () => {
    const endMs = Date.now() - 1_000;
    await client.send(new CreateHarvestJobCommand(input('never-ingested', endMs - 20_000, endMs)));
    await mediaPackage.idle();
    await bus.idle();
    const job = await client.send(new DescribeHarvestJobCommand({ Id: 'never-ingested' }));
    expect(job.Status).toBe('FAILED');
    const [event] = events.filter((candidate) => candidate.detail.harvest_job.id === 'never-ingested');
    expect(event?.detail).toEqual({
      harvest_job: expect.objectContaining({ id: 'never-ingested', status: 'FAILED' }),
      message: expect.stringMatching(/no content up to EndTime/),
    });
    expect(await store.head('clips', 'jobs/never-ingested.m3u8')).toBeUndefined();
  });
});
