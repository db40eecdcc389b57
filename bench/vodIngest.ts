/**
 * VOD ingest: how long MediaPackage-VOD takes from CreateAsset of a harvested 10 min clip until its
 * HLS output plays (VodAssetPlayable, which makes a clip READY) and until its DASH output plays,
 * next to a plain copy of the harvested clip's bytes in the same run (the baseline: packaging
 * reads every byte and writes them again, so no ingest can beat a copy).
 *
 * The clip is harvested by the local MediaPackage from a synthetic archive
 * (bench/support/harvestRig.ts); ingest is the real path: CreateAsset over HTTP with the AWS SDK
 * on the local MediaPackage-VOD, with the clips packaging group the home makes, its ingest queue,
 * the packagers (HLS by copy, DASH by an ffmpeg remux) and the events on the bus.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateAssetCommand, MediaPackageVodClient } from '@aws-sdk/client-mediapackage-vod';
import { INPUT_NOTIFICATION, MEDIAPACKAGE_SOURCE, type InputNotificationEvent } from '../contracts/events.ts';
import { PACKAGING_GROUP_ID, PACKAGING_OUTPUTS } from '../contracts/packaging.ts';
import { findFfmpeg } from '../local/ffmpeg/index.ts';
import { ensureVodPackaging } from '../local/home/vodPackaging.ts';
import { startMediaPackageVod } from '../local/mediapackage-vod/index.ts';
import type { Benchmark, BenchFigure } from './benchmark.ts';
import { CLIPS_BUCKET, startHarvestRig } from './support/harvestRig.ts';
import { collectSpans, stageTimes, waterfall, type StageTimes } from './support/spans.ts';
import { medianOf, percentile } from './support/stats.ts';

const CLIP_PREFIX = 'bench/clip';
const STAGES = [
  { label: 'queued', span: 'vod.ingest.queued' },
  { label: 'read and check the source', span: 'vod.ingest.read' },
  { label: 'package HLS', span: 'vod.package.HLS' },
  { label: 'package DASH', span: 'vod.package.DASH' },
];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

export const benchmark: Benchmark = {
  name: 'vod-ingest',
  title: 'MediaPackage-VOD ingest of a harvested 10 min clip until HLS and DASH play, against a plain copy of its bytes',
  async run({ smoke, log }) {
    const clipMs = smoke ? 10_000 : 10 * 60_000;
    const repeats = smoke ? 1 : 3;
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-vod-ingest-'));
    const spans = collectSpans();
    try {
      const rig = await startHarvestRig(dir, clipMs + 30_000);
      const vod = await startMediaPackageVod({
        dataDir: path.join(dir, 'mediapackage-vod'),
        objectStore: rig.store,
        eventBus: rig.bus,
        ffmpegPath: (await findFfmpeg()).path,
        log: () => {},
      });
      const client = new MediaPackageVodClient({ endpoint: vod.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      try {
        await ensureVodPackaging(client);
        log(`harvesting a ${clipMs / 1000} s clip`);
        await rig.harvest('bench-clip', rig.endMs - 4_000 - clipMs, rig.endMs - 4_000, CLIP_PREFIX);
        const source = await filesUnder(rig.store.pathOf(CLIPS_BUCKET, CLIP_PREFIX));
        const bytes = (await Promise.all(source.map((file) => stat(file).then((info) => info.size)))).reduce((a, b) => a + b, 0);

        const playable = new Map<string, (configurationId: string) => void>();
        rig.bus.subscribe({ source: [MEDIAPACKAGE_SOURCE], 'detail-type': [INPUT_NOTIFICATION], detail: { event: ['VodAssetPlayable'] } }, async (event) => {
          const { detail, resources } = event as InputNotificationEvent;
          const assetId = /assets\/([^/]+)$/.exec(resources[0] ?? '')?.[1] ?? '';
          playable.get(assetId)?.(detail.packaging_configuration_id ?? '');
        });

        const hlsTimes: number[] = [];
        const samples: StageTimes[] = [];
        log(`ingest, ${repeats} assets`);
        const allMs = await medianOf(repeats, async (attempt) => {
          const id = `bench-asset-${attempt + 1}`;
          const started = performance.now();
          const requestMs = performance.timeOrigin + started;
          const outputs = new Set(PACKAGING_OUTPUTS.map((output) => output.id));
          const done = new Promise<void>((resolve) => {
            playable.set(id, (configurationId) => {
              outputs.delete(configurationId);
              if (configurationId === 'clips-hls' && attempt >= 0) hlsTimes.push(performance.now() - started);
              if (outputs.size === 0) resolve();
            });
          });
          await client.send(
            new CreateAssetCommand({
              Id: id,
              PackagingGroupId: PACKAGING_GROUP_ID,
              SourceArn: `arn:aws:s3:::${CLIPS_BUCKET}/${CLIP_PREFIX}/index.m3u8`,
              SourceRoleArn: 'arn:aws:iam::000000000000:role/bench',
            }),
          );
          await done;
          if (attempt >= 0) samples.push(stageTimes(STAGES, spans.spans.filter((span) => span.traceId === id), requestMs));
        });

        log('plain copy');
        const copyMs = await medianOf(repeats, async (attempt) => {
          const target = path.join(dir, 'copy', String(attempt));
          await mkdir(target, { recursive: true });
          await Promise.all(source.map((file, index) => copyFile(file, path.join(target, `${index}`))));
        });

        const hlsMs = percentile(hlsTimes, 50);
        const baseline = `plain copy of the clip's ${source.length} files`;
        const figures: BenchFigure[] = [
          { what: `CreateAsset -> HLS playable, ${clipMs / 1000} s clip`, value: hlsMs, unit: 'ms', baseline, baselineValue: copyMs },
          { what: `CreateAsset -> HLS and DASH playable, ${clipMs / 1000} s clip`, value: allMs, unit: 'ms', baseline, baselineValue: copyMs },
        ];
        const notes = [
          `Median of ${repeats} after a warm-up; the clip: ${source.length} files, ${(bytes / 1e6).toFixed(1)} MB, 2 renditions. No goal is set for ingest: it is the largest part of a long clip's latency, read here against a copy.`,
          '',
          ...waterfall('where an asset\'s ingest goes', STAGES.map((stage) => stage.label), samples),
        ];
        return { figures, notes };
      } finally {
        client.destroy();
        await vod.stop();
        await rig.stop();
      }
    } finally {
      spans.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
