// HLS packaging of an ingested source for one packaging configuration.
//
// Segment duration: output segments are runs of consecutive source segments whose summed
// duration comes nearest to SegmentDurationSeconds; a source segment is never split (it would
// need a cut at a key frame inside it), and no run crosses a discontinuity. With 2 s harvested
// segments, 6 s asks for runs of 3; anything at or below the source duration keeps them as they
// are. MPEG-TS is a byte stream whose segments from one muxer run concatenate into valid
// TS, so a run is written as the bytes of its parts, one after the other, and a run of one is a
// hard link to the ingested file (copied across file systems).
//
// UseAudioRenditionGroup: every output segment is split by ffmpeg (stream copy, timestamps
// kept) into a video-only segment per rendition and, from the first rendition, an audio-only
// segment; the audio gets its own media playlist, listed as an EXT-X-MEDIA audio group that
// every variant names.
import { copyFile, link, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VariantStream } from '../playlist.ts';
import type { SourceAsset, SourceRendition, SourceSegment } from '../source.ts';
import type { HlsPackage, StreamSelection } from '../types.ts';
import { mapConcurrently } from '../concurrently.ts';
import { ffmpeg } from './ffmpeg.ts';
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

/** The one audio rendition of a manifest whose configuration uses an audio rendition group. */
export interface AudioGroup {
  groupId: string;
  uri: string;
}

export function multivariantPlaylist(variants: VariantStream[], independentSegments: boolean, audio?: AudioGroup): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  if (independentSegments) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  if (audio) {
    lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${audio.groupId}",NAME="audio",DEFAULT=YES,AUTOSELECT=YES,URI="${audio.uri}"`);
  }
  for (const variant of variants) {
    const attributes = [`BANDWIDTH=${Math.round(variant.bandwidth)}`];
    if (variant.averageBandwidth) attributes.push(`AVERAGE-BANDWIDTH=${Math.round(variant.averageBandwidth)}`);
    if (variant.resolution) attributes.push(`RESOLUTION=${variant.resolution.width}x${variant.resolution.height}`);
    if (variant.frameRate) attributes.push(`FRAME-RATE=${variant.frameRate.toFixed(3)}`);
    if (variant.codecs) attributes.push(`CODECS="${variant.codecs}"`);
    if (audio) attributes.push(`AUDIO="${audio.groupId}"`);
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
  // The parts are read side by side and written with one writev: joining them in memory first
  // would cost the main thread a copy of every byte, and each file operation is a round trip
  // through libuv's thread pool.
  const bytes = await Promise.all(parts.map((part) => readFile(part.file)));
  const output = await open(target, 'w');
  try {
    let written = (await output.writev(bytes)).bytesWritten;
    const total = bytes.reduce((sum, part) => sum + part.length, 0);
    // writev may write less than asked (a signal, a full disk): the rest goes after it.
    if (written < total) written += (await output.write(Buffer.concat(bytes).subarray(written))).bytesWritten;
    if (written < total) throw new Error(`${target}: wrote ${written} of ${total} bytes`);
  } finally {
    await output.close();
  }
}

export interface HlsTools {
  /** Needed only to split audio from video (UseAudioRenditionGroup). */
  ffmpegPath: () => Promise<string>;
  signal?: AbortSignal;
}

/** Splits a muxed segment into a video-only one and, when asked, an audio-only one, keeping every timestamp. */
async function splitSegment(ffmpegPath: string, configurationId: string, muxed: string, video: string, audio: string | undefined, signal?: AbortSignal): Promise<void> {
  // -copyts and no mux delay: the parts keep the source's timestamps, so players line them up.
  const output = (map: string, file: string) => ['-map', map, '-c', 'copy', '-muxdelay', '0', '-muxpreload', '0', '-f', 'mpegts', file];
  const args = ['-copyts', '-i', muxed, ...output('0:v:0', video), ...(audio ? output('0:a:0', audio) : [])];
  await ffmpeg(ffmpegPath, args, configurationId, 'split audio from video', signal);
}

/**
 * Writes the configuration's output into `outDir` (replacing what is there): segments shared by
 * all its manifests, one media playlist per manifest and rendition (and one for the audio group),
 * one multivariant playlist per manifest.
 */
export function packageHls(
  source: SourceAsset,
  configurationId: string,
  hls: HlsPackage,
  outDir: string,
  { ffmpegPath, signal }: HlsTools,
): Promise<PackagedOutput> {
  return buildOutput(
    outDir,
    async (building) => {
      const plans = source.renditions.map((rendition) => planSegments(rendition.segments, hls.segmentDurationSeconds));
      const splitWith = hls.useAudioRenditionGroup ? await ffmpegPath() : undefined;
      if (splitWith && !source.renditions[0]?.hasAudio) {
        throw new PackagingError(configurationId, 'useAudioRenditionGroup needs audio, and the source has none');
      }
      // Every output segment of every rendition, written side by side (each is its own file).
      const work = plans.flatMap((plan, r) => plan.map((segment, n) => ({ r, n, segment })));
      const written = await mapConcurrently(work, async ({ r, n, segment }) => {
        signal?.throwIfAborted();
        let name = `segment_${r + 1}_${n + 1}.ts`;
        let audio: string | undefined;
        await writeSegment(path.join(building, name), segment.parts);
        if (splitWith) {
          const muxed = path.join(building, name);
          name = `video_${r + 1}_${n + 1}.ts`;
          audio = r === 0 ? `audio_${n + 1}.ts` : undefined;
          await splitSegment(splitWith, configurationId, muxed, path.join(building, name), audio && path.join(building, audio), signal);
          await rm(muxed);
        }
        const { size } = await stat(path.join(building, name));
        return { r, name, audio, bitrate: (size * 8) / Math.max(segment.duration, 0.001) };
      });
      const segmentUris = plans.map((_, r) => written.filter((segment) => segment.r === r).map((segment) => segment.name));
      const peakBitrates = plans.map((_, r) => Math.max(0, ...written.filter((segment) => segment.r === r).map((segment) => segment.bitrate)));
      const audioUris = written.flatMap((segment) => segment.audio ?? []);

      const manifests: string[] = [];
      for (const manifest of hls.hlsManifests) {
        const selected = selectRenditions(source.renditions, manifest.streamSelection);
        if (selected.length === 0) throw new PackagingError(configurationId, `no rendition of the source is within the StreamSelection of manifest '${manifest.manifestName}'`);
        const variants: VariantStream[] = [];
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
        let audio: AudioGroup | undefined;
        if (splitWith && plans[0]) {
          audio = { groupId: 'audio_aac', uri: `${manifest.manifestName}_audio.m3u8` };
          await writeFile(path.join(building, audio.uri), mediaPlaylist(plans[0], audioUris, manifest.programDateTimeIntervalSeconds));
        }
        const name = `${manifest.manifestName}.m3u8`;
        await writeFile(path.join(building, name), multivariantPlaylist(variants, source.independentSegments, audio));
        manifests.push(name);
      }
      return { manifests };
    },
    signal,
  );
}
