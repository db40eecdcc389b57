// HLS packaging of an ingested source for one packaging configuration.
//
// Segment duration: output segments are runs of consecutive source segments whose summed
// duration comes nearest to SegmentDurationSeconds; a source segment is never split (it would
// need a cut at a key frame inside it), and no run crosses a discontinuity. With 2 s harvested
// segments, 6 s asks for runs of 3; anything at or below the source duration keeps them as they
// are. MPEG-TS is a byte stream whose segments from one muxer run concatenate into valid
// TS, so a run is written as the bytes of its parts, one after the other, and a run of one is a
// hard link to the ingested file (copied across file systems).
import { copyFile, link, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceAsset, SourceRendition, SourceSegment } from '../source.ts';
import type { HlsPackage, StreamSelection } from '../types.ts';
import { buildOutput, PackagingError, type PackagedOutput } from './output.ts';

export interface OutputSegment {
  parts: SourceSegment[];
  duration: number;
  programDateTime?: Date;
  discontinuity: boolean;
}

/** Groups source segments into output segments as near to `targetSeconds` as whole segments allow. */
export function planSegments(segments: SourceSegment[], targetSeconds: number): OutputSegment[] {
  const planned: OutputSegment[] = [];
  let current: OutputSegment | undefined;
  for (const segment of segments) {
    const joins =
      current !== undefined &&
      !segment.discontinuity &&
      // Add the segment while that brings the run at least as near to the target as it was.
      current.duration + segment.duration - targetSeconds <= targetSeconds - current.duration;
    if (current && joins) {
      current.parts.push(segment);
      current.duration += segment.duration;
    } else {
      current = {
        parts: [segment],
        duration: segment.duration,
        programDateTime: segment.programDateTime,
        discontinuity: segment.discontinuity,
      };
      planned.push(current);
    }
  }
  return planned;
}

/**
 * A VOD media playlist. EXT-X-PROGRAM-DATE-TIME goes on the first segment, after every
 * discontinuity, and then on the first segment that starts `intervalSeconds` or more after the
 * last tag; an interval of 0 means no tags, as in MediaPackage.
 */
export function mediaPlaylist(segments: OutputSegment[], uris: string[], intervalSeconds: number): string {
  const targetDuration = Math.max(1, ...segments.map((segment) => Math.round(segment.duration)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${targetDuration}`,
    '#EXT-X-MEDIA-SEQUENCE:1',
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ];
  let sinceTag = Number.POSITIVE_INFINITY;
  segments.forEach((segment, index) => {
    if (segment.discontinuity && index > 0) lines.push('#EXT-X-DISCONTINUITY');
    if (intervalSeconds > 0 && segment.programDateTime) {
      if (segment.discontinuity || sinceTag >= intervalSeconds - 1e-6) {
        lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.programDateTime.toISOString()}`);
        sinceTag = 0;
      }
    }
    lines.push(`#EXTINF:${segment.duration.toFixed(3)},`, uris[index] ?? '');
    sinceTag += segment.duration;
  });
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

export interface VariantEntry {
  uri: string;
  bandwidth: number;
  averageBandwidth?: number;
  codecs?: string;
  resolution?: { width: number; height: number };
  frameRate?: number;
}

export function multivariantPlaylist(variants: VariantEntry[], independentSegments: boolean): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  if (independentSegments) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  for (const variant of variants) {
    const attributes = [`BANDWIDTH=${Math.round(variant.bandwidth)}`];
    if (variant.averageBandwidth) attributes.push(`AVERAGE-BANDWIDTH=${Math.round(variant.averageBandwidth)}`);
    if (variant.resolution) attributes.push(`RESOLUTION=${variant.resolution.width}x${variant.resolution.height}`);
    if (variant.frameRate) attributes.push(`FRAME-RATE=${variant.frameRate.toFixed(3)}`);
    if (variant.codecs) attributes.push(`CODECS="${variant.codecs}"`);
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, variant.uri);
  }
  lines.push('');
  return lines.join('\n');
}

/** The source renditions a manifest lists (indexes), filtered and ordered by its StreamSelection. */
export function selectRenditions(renditions: SourceRendition[], selection: StreamSelection): number[] {
  const { minVideoBitsPerSecond, maxVideoBitsPerSecond, streamOrder } = selection;
  const chosen = renditions
    .map((rendition, index) => ({ index, bandwidth: rendition.bandwidth }))
    .filter(({ bandwidth }) => (minVideoBitsPerSecond === undefined || bandwidth >= minVideoBitsPerSecond) && (maxVideoBitsPerSecond === undefined || bandwidth <= maxVideoBitsPerSecond));
  if (streamOrder === 'VIDEO_BITRATE_ASCENDING') chosen.sort((a, b) => a.bandwidth - b.bandwidth);
  if (streamOrder === 'VIDEO_BITRATE_DESCENDING') chosen.sort((a, b) => b.bandwidth - a.bandwidth);
  return chosen.map(({ index }) => index);
}

async function writeSegment(target: string, parts: SourceSegment[]): Promise<void> {
  const [only] = parts;
  if (only && parts.length === 1) {
    try {
      await link(only.file, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EXDEV' && code !== 'EPERM') throw error;
    }
    await copyFile(only.file, target);
    return;
  }
  const bytes = await Promise.all(parts.map((part) => readFile(part.file)));
  await writeFile(target, Buffer.concat(bytes));
}

/**
 * Writes the configuration's output into `outDir` (replacing what is there): segments shared by
 * all its manifests, one media playlist per manifest and rendition, one multivariant playlist
 * per manifest.
 */
export function packageHls(
  source: SourceAsset,
  configurationId: string,
  hls: HlsPackage,
  outDir: string,
  signal?: AbortSignal,
): Promise<PackagedOutput> {
  return buildOutput(
    outDir,
    async (building) => {
      const plans = source.renditions.map((rendition) => planSegments(rendition.segments, hls.segmentDurationSeconds));
      const segmentUris: string[][] = [];
      const peakBitrates: number[] = [];
      for (const [r, plan] of plans.entries()) {
        const uris: string[] = [];
        let peak = 0;
        for (const [n, segment] of plan.entries()) {
          signal?.throwIfAborted();
          const name = `segment_${r + 1}_${n + 1}.ts`;
          await writeSegment(path.join(building, name), segment.parts);
          const { size } = await stat(path.join(building, name));
          peak = Math.max(peak, (size * 8) / Math.max(segment.duration, 0.001));
          uris.push(name);
        }
        segmentUris.push(uris);
        peakBitrates.push(peak);
      }

      const manifests: string[] = [];
      for (const manifest of hls.hlsManifests) {
        const selected = selectRenditions(source.renditions, manifest.streamSelection);
        if (selected.length === 0) throw new PackagingError(configurationId, `no rendition of the source is within the StreamSelection of manifest '${manifest.manifestName}'`);
        const variants: VariantEntry[] = [];
        for (const r of selected) {
          const rendition = source.renditions[r];
          const plan = plans[r];
          const uris = segmentUris[r];
          if (!rendition || !plan || !uris) continue;
          const mediaName = `${manifest.manifestName}_${r + 1}.m3u8`;
          await writeFile(path.join(building, mediaName), mediaPlaylist(plan, uris, manifest.programDateTimeIntervalSeconds));
          variants.push({
            uri: mediaName,
            bandwidth: rendition.bandwidth > 0 ? rendition.bandwidth : (peakBitrates[r] ?? 0),
            averageBandwidth: rendition.averageBandwidth,
            codecs: rendition.codecs,
            resolution: rendition.resolution,
            frameRate: rendition.frameRate,
          });
        }
        const name = `${manifest.manifestName}.m3u8`;
        await writeFile(path.join(building, name), multivariantPlaylist(variants, source.independentSegments));
        manifests.push(name);
      }
      return { manifests };
    },
    signal,
  );
}
