/**
 * Harvest vs plain copy vs remux: how long a MediaPackage harvest job of a 60 s and a 10 min range
 * takes, next to a plain file copy of the same segments (the baseline: no harvest can copy the
 * range's bytes faster) and an `ffmpeg -c copy` remux of the same range, all in the same run.
 * Goal: harvest no slower than the plain copy.
 *
 * The archive is synthetic (bench/support/syntheticArchive.ts). Everything after that is the real
 * path: CreateHarvestJob over HTTP with the AWS SDK, the job runner, the object store, and the
 * completion event on the bus.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFfmpeg } from '../local/ffmpeg/index.ts';
import type { Benchmark, BenchFigure } from './benchmark.ts';
import { medianOf } from './support/stats.ts';
import { startHarvestRig } from './support/harvestRig.ts';

const run = promisify(execFile);

export const benchmark: Benchmark = {
  name: 'harvest',
  title: 'a harvest job of a 60 s and a 10 min range, against a plain copy and an ffmpeg remux of the same segments',
  async run({ smoke, log }) {
    const ranges = smoke ? [{ name: '10 s', ms: 10_000 }] : [{ name: '60 s', ms: 60_000 }, { name: '10 min', ms: 10 * 60_000 }];
    // A 60 s harvest and its copy take a few milliseconds each: 11 runs steady their medians.
    // The remux takes seconds, and is only for scale.
    const repeats = smoke ? 1 : 11;
    const remuxRepeats = smoke ? 1 : 3;
    const archiveMs = Math.max(...ranges.map((range) => range.ms)) + 60_000;
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-harvest-'));
    try {
      const rig = await startHarvestRig(dir, archiveMs);
      const { renditions, store } = rig;
      const { path: ffmpeg, version } = await findFfmpeg();

      const figures: BenchFigure[] = [];
      const notes = [`Median of ${repeats} (the remux: of ${remuxRepeats}) after a warm-up, 2 renditions, a synthetic archive of ${archiveMs / 1000} s, ffmpeg ${version}.`];
      try {
        const endMs = rig.endMs - 4_000;
        for (const range of ranges) {
          const startMs = endMs - range.ms;
          const segments = renditions.map((rendition) => rendition.range(startMs, endMs));
          const files = segments.flatMap((list, r) => list.map((segment) => renditions[r]?.fileOf(segment) ?? ''));
          const bytes = (await Promise.all(files.map((file) => readFile(file).then((b) => b.length)))).reduce((a, b) => a + b, 0);

          log(`${range.name}: harvest`);
          const harvestMs = await medianOf(repeats, (attempt) => rig.harvest(`bench-${range.ms}-${attempt}`, startMs, endMs, `bench/bench-${range.ms}-${attempt}`));

          log(`${range.name}: plain copy`);
          const copyMs = await medianOf(repeats, async (attempt) => {
            const target = path.join(dir, 'copy', `${range.ms}-${attempt}`);
            await Promise.all(renditions.map((_, r) => mkdir(path.join(target, String(r)), { recursive: true })));
            await Promise.all(
              segments.flatMap((list, r) =>
                list.map((segment) => copyFile(renditions[r]?.fileOf(segment) ?? '', path.join(target, String(r), `${segment.seq}.ts`))),
              ),
            );
          });

          log(`${range.name}: remux`);
          const remuxMs = await medianOf(remuxRepeats, async (attempt) => {
            const target = path.join(dir, 'remux', `${range.ms}-${attempt}`);
            await mkdir(target, { recursive: true });
            for (const [r, list] of segments.entries()) {
              const listFile = path.join(target, `${r}.txt`);
              await writeFile(listFile, list.map((segment) => `file '${renditions[r]?.fileOf(segment)}'\n`).join(''));
              await run(ffmpeg, ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', listFile, '-map', '0', '-c', 'copy', '-f', 'mpegts', path.join(target, `${r}.ts`)]);
            }
          });

          const harvested = await readdir(store.pathOf('clips', `bench/bench-${range.ms}-0`));
          notes.push(`${range.name}: ${files.length} segments, ${(bytes / 1e6).toFixed(1)} MB, ${harvested.length} objects harvested.`);
          figures.push(
            { what: `harvest of a ${range.name} range`, value: harvestMs, unit: 'ms', baseline: 'plain copy of its segments', baselineValue: copyMs, goal: '<= 1x', met: harvestMs <= copyMs },
            { what: `ffmpeg -c copy remux of the ${range.name} range (for scale)`, value: remuxMs, unit: 'ms', baseline: 'plain copy of its segments', baselineValue: copyMs },
          );
        }
      } finally {
        await rig.stop();
      }
      return { figures, notes };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
