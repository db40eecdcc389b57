/**
 * Harvest benchmark: how long a MediaPackage harvest job of a 60 s and a 10 min range takes,
 * next to a plain file copy of the same segments and an `ffmpeg -c copy` remux of the same range,
 * measured in the same run. Goal: harvest no slower than the plain copy.
 *
 * Encoding 10 min live would take 10 min, so the archive is synthetic: one 2 s segment per
 * rendition is encoded once and replicated along a timeline ending now. Everything after that is
 * the real path: CreateHarvestJob over HTTP with the AWS SDK, the job runner, the object store,
 * and the completion event on the bus.
 *
 *   npm run bench:harvest
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateHarvestJobCommand, MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { findFfmpeg } from '../local/ffmpeg/index.ts';
import { createEventBus, HARVEST_JOB_NOTIFICATION_PATTERN, type HarvestJobNotification } from '../local/eventbus/index.ts';
import { ChannelArchive, startMediaPackage, type RenditionArchive, type VariantInfo } from '../local/mediapackage/index.ts';
import { createObjectStore } from '../local/objectstore/index.ts';

const run = promisify(execFile);
const SEGMENT_MS = 2_000;
const ARCHIVE_MS = 11 * 60_000;
const RANGES = [
  { name: '60 s', ms: 60_000 },
  { name: '10 min', ms: 10 * 60_000 },
];
const REPEATS = 5;

const TEMPLATE_RENDITIONS = [
  { size: '640x360', bitrate: '800k' },
  { size: '426x240', bitrate: '400k' },
];

interface Template {
  segments: string[];
  variants: VariantInfo[];
}

/** One 2 s H.264 + AAC transport-stream segment per rendition, as the live encoder makes them. */
async function encodeTemplate(dir: string): Promise<Template> {
  const { path: ffmpeg } = await findFfmpeg();
  await mkdir(dir, { recursive: true });
  const segments: string[] = [];
  const variants: VariantInfo[] = [];
  for (const [index, { size, bitrate }] of TEMPLATE_RENDITIONS.entries()) {
    const file = path.join(dir, `${index}.ts`);
    await run(ffmpeg, [
      '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-f', 'lavfi', '-i', 'sine=sample_rate=48000',
      '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-b:v', bitrate, '-c:a', 'aac', '-f', 'mpegts', file,
    ]);
    segments.push(file);
    const bytes = (await readFile(file)).length;
    variants.push({ rendition: String(index), bandwidth: Math.round((bytes * 8) / 2), resolution: size, codecs: 'avc1.42c01e,mp4a.40.2' });
  }
  return { segments, variants };
}

/** An archive as the origin writes it, ending now: the same 2 s segment over and over. */
async function writeSyntheticArchive(channelDir: string, template: Template, endMs: number) {
  const archive = await ChannelArchive.open(channelDir);
  await archive.setVariants(template.variants);
  const count = ARCHIVE_MS / SEGMENT_MS;
  const anchorMs = endMs - ARCHIVE_MS;
  for (const [index, source] of template.segments.entries()) {
    const rendition = archive.rendition(String(index));
    const staging = path.join(channelDir, `staging-${index}`);
    await mkdir(staging, { recursive: true });
    for (let i = 0; i < count; i += 1) {
      const copy = path.join(staging, `${i}.ts`);
      await copyFile(source, copy);
      await rendition.append(copy, {
        startMs: anchorMs + i * SEGMENT_MS,
        durationMs: SEGMENT_MS,
        session: 'synthetic',
        anchorMs,
        ingestMsn: i,
        discontinuity: false,
      });
    }
    await rm(staging, { recursive: true });
  }
  return archive;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function median(work: (attempt: number) => Promise<unknown>): Promise<number> {
  await work(-1); // warm-up: page cache, JIT, connections
  const times: number[] = [];
  for (let attempt = 0; attempt < REPEATS; attempt += 1) times.push(await time(() => work(attempt)));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-harvest-'));
  try {
    const template = await encodeTemplate(path.join(dir, 'template'));
    const dataDir = path.join(dir, 'mediapackage');
    const now = Date.now();
    const archive = await writeSyntheticArchive(path.join(dataDir, 'channels', 'live'), template, now);
    const renditions: RenditionArchive[] = archive.orderedRenditions();

    const bus = createEventBus({ log: () => {} });
    const store = createObjectStore({ root: path.join(dir, 'objects') });
    const mediaPackage = await startMediaPackage({ dataDir, objectStore: store, eventBus: bus, log: () => {} });
    const client = new MediaPackageClient({
      endpoint: mediaPackage.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const waiting = new Map<string, (event: HarvestJobNotification) => void>();
    bus.subscribe(HARVEST_JOB_NOTIFICATION_PATTERN, async (event) => {
      const done = event as HarvestJobNotification;
      waiting.get(done.detail.harvest_job.id)?.(done);
    });

    const endMs = now - 4_000;
    const rows: string[] = [];
    for (const range of RANGES) {
      const startMs = endMs - range.ms;
      const segments = renditions.map((rendition) => rendition.range(startMs, endMs));
      const files = segments.flatMap((list, r) => list.map((segment) => renditions[r]?.fileOf(segment) ?? ''));
      const bytes = (await Promise.all(files.map((file) => readFile(file).then((b) => b.length)))).reduce((a, b) => a + b, 0);

      const harvestMs = await median(async (attempt) => {
        const id = `bench-${range.ms}-${attempt}`;
        const done = new Promise<HarvestJobNotification>((resolve) => waiting.set(id, resolve));
        await client.send(
          new CreateHarvestJobCommand({
            Id: id,
            OriginEndpointId: 'live-hls',
            StartTime: new Date(startMs).toISOString(),
            EndTime: new Date(endMs).toISOString(),
            S3Destination: { BucketName: 'clips', ManifestKey: `bench/${id}/index.m3u8`, RoleArn: 'arn:aws:iam::000000000000:role/bench' },
          }),
        );
        const event = await done;
        if (event.detail.harvest_job.status !== 'SUCCEEDED') throw new Error(`harvest failed: ${event.detail.message}`);
      });

      const copyMs = await median(async (attempt) => {
        const target = path.join(dir, 'copy', `${range.ms}-${attempt}`);
        await Promise.all(renditions.map((_, r) => mkdir(path.join(target, String(r)), { recursive: true })));
        await Promise.all(
          segments.flatMap((list, r) =>
            list.map((segment) => copyFile(renditions[r]?.fileOf(segment) ?? '', path.join(target, String(r), `${segment.seq}.ts`))),
          ),
        );
      });

      const { path: ffmpeg } = await findFfmpeg();
      const remuxMs = await median(async (attempt) => {
        const target = path.join(dir, 'remux', `${range.ms}-${attempt}`);
        await mkdir(target, { recursive: true });
        for (const [r, list] of segments.entries()) {
          const listFile = path.join(target, `${r}.txt`);
          await writeFile(listFile, list.map((segment) => `file '${renditions[r]?.fileOf(segment)}'\n`).join(''));
          await run(ffmpeg, ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', listFile, '-map', '0', '-c', 'copy', '-f', 'mpegts', path.join(target, `${r}.ts`)]);
        }
      });

      const harvested = await readdir(store.pathOf('clips', `bench/bench-${range.ms}-0`));
      rows.push(
        `${range.name.padEnd(7)} ${String(files.length).padStart(4)} segments ${(bytes / 1e6).toFixed(1).padStart(6)} MB | ` +
          `harvest ${harvestMs.toFixed(1).padStart(7)} ms | copy ${copyMs.toFixed(1).padStart(7)} ms | remux ${remuxMs.toFixed(1).padStart(7)} ms | ` +
          `harvest/copy ${(harvestMs / copyMs).toFixed(2)} | harvest/remux ${(harvestMs / remuxMs).toFixed(2)} | ${harvested.length} objects`,
      );
    }

    console.log(`harvest benchmark (median of ${REPEATS}, 2 renditions, ffmpeg ${(await findFfmpeg()).version}):`);
    for (const row of rows) console.log(row);
    await mediaPackage.stop();
    bus.stop();
    client.destroy();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
