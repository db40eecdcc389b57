// DASH packaging: the source's MPEG-TS is remuxed (never re-encoded) into fragmented MP4 by
// ffmpeg's DASH muxer, one run per DashManifest: a video adaptation set per picture shape among
// the renditions its StreamSelection keeps (pictureShapes.ts), one audio adaptation set from the
// first of them (every rendition of a harvested clip carries the same muxed audio). ffmpeg cuts
// at the first key frame at or after SegmentDurationSeconds, so segments follow the source's
// GOPs, as MediaPackage's do.
//
// Each rendition is read as its continuous runs (segments between discontinuities, their bytes
// concatenated as the encoder wrote them) joined by ffmpeg's concat demuxer, which lays the runs
// end to end on one timeline: an encoder restart inside the clip (timestamps starting over)
// becomes one seamless period.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceAsset, SourceRendition } from '../source.ts';
import type { DashManifest, DashPackage, SegmentTemplateFormat } from '../types.ts';
import { selectRenditions } from './hls.ts';
import { ffmpeg } from './ffmpeg.ts';
import { pictureShapes } from './pictureShapes.ts';
import { buildOutput, PackagingError, type PackagedOutput } from './output.ts';

const MEDIA_TEMPLATE: Record<SegmentTemplateFormat, string> = {
  NUMBER_WITH_TIMELINE: '$RepresentationID$_$Number%05d$.m4s',
  TIME_WITH_TIMELINE: '$RepresentationID$_$Time$.m4s',
};

/** An ffconcat list: one entry per continuous run, each the `concat:` of its segment files. */
function ffconcatList(configurationId: string, rendition: SourceRendition): string {
  const runs: string[][] = [];
  for (const segment of rendition.segments) {
    if (segment.file.includes('|')) throw new PackagingError(configurationId, `segment ${segment.key}: '|' in a file name cannot be remuxed`);
    const run = runs.at(-1);
    if (run && !segment.discontinuity) run.push(segment.file);
    else runs.push([segment.file]);
  }
  // Inside single quotes, ffconcat reads a quote as '\''.
  const entries = runs.map((run) => `file '${`concat:${run.join('|')}`.replaceAll("'", "'\\''")}'`);
  return ['ffconcat version 1.0', ...entries, ''].join('\n');
}

/** ffmpeg 4.1 writes AAC as `mp4a.40` (no object type), which MSE's isTypeSupported refuses. */
function audioCodec(rendition: SourceRendition): string {
  return /mp4a\.40\.\d+/.exec(rendition.codecs ?? '')?.[0] ?? 'mp4a.40.2';
}

/** Where the longest representation ends, in seconds, from its SegmentTimeline. */
function timelineEnd(mpd: string): number | undefined {
  let end: number | undefined;
  for (const [template = '', timescale = '1'] of mpd.matchAll(/<SegmentTemplate\s[^>]*?timescale="(\d+)"[\s\S]*?<\/SegmentTemplate>/g)) {
    let time = 0;
    for (const [, t, d = '0', r = '0'] of template.matchAll(/<S\s+(?:t="(\d+)"\s+)?d="(\d+)"(?:\s+r="(\d+)")?\s*\/>/g)) {
      if (t !== undefined) time = Number(t);
      time += Number(d) * (Number(r) + 1);
    }
    if (time > 0) end = Math.max(end ?? 0, time / Number(timescale));
  }
  return end;
}

/**
 * The MPD as MediaPackage would state it: the configuration's minBufferTime, AAC's full codec
 * string, and the presentation's real length (ffmpeg 4.1 rounds it down to 0.1 s, which leaves
 * the last frames past the end, where dash.js stops short of them).
 */
function mpdFor(text: string, manifest: DashManifest, audio: string): string {
  const end = timelineEnd(text);
  return text
    .replace(/minBufferTime="[^"]*"/, `minBufferTime="PT${manifest.minBufferTimeSeconds}S"`)
    .replace(/codecs="mp4a\.40"/g, `codecs="${audio}"`)
    .replace(/mediaPresentationDuration="[^"]*"/, (original) => (end === undefined ? original : `mediaPresentationDuration="PT${end.toFixed(3)}S"`));
}

export function packageDash(
  source: SourceAsset,
  configurationId: string,
  dash: DashPackage,
  outDir: string,
  ffmpegPath: string,
  signal?: AbortSignal,
): Promise<PackagedOutput> {
  return buildOutput(
    outDir,
    async (building) => {
      const manifests: string[] = [];
      for (const manifest of dash.dashManifests) {
        const selected = selectRenditions(source.renditions, manifest.streamSelection).flatMap((index) => source.renditions[index] ?? []);
        const [first] = selected;
        if (!first) throw new PackagingError(configurationId, `no rendition of the source is within the StreamSelection of manifest '${manifest.manifestName}'`);
        const withAudio = first.hasAudio;
        const name = manifest.manifestName;
        const args: string[] = [];
        for (const [index, rendition] of selected.entries()) {
          // Beside the output, under a name egress never serves (a leading dot), removed below.
          const list = path.join(building, `.${name}_${index}.ffconcat`);
          await writeFile(list, ffconcatList(configurationId, rendition));
          args.push('-f', 'concat', '-safe', '0', '-protocol_whitelist', 'file,concat', '-i', list);
        }
        selected.forEach((_, index) => args.push('-map', `${index}:v:0`));
        if (withAudio) args.push('-map', '0:a:0');
        const shapes = pictureShapes(selected.map((rendition) => rendition.resolution));
        for (const shape of shapes) {
          if (shape.aspect === undefined || shape.renditions.length < 2) continue;
          for (const index of shape.renditions) args.push(`-aspect:v:${index}`, shape.aspect);
        }
        // Output streams: the videos in `selected` order, then the audio.
        const adaptationSets = [
          ...shapes.map((shape) => shape.renditions.join(',')),
          ...(withAudio ? [String(selected.length)] : []),
        ].map((streams, id) => `id=${id},streams=${streams}`);
        args.push(
          '-c', 'copy', '-tag:v', 'avc1', '-tag:a', 'mp4a',
          '-f', 'dash',
          '-seg_duration', String(dash.segmentDurationSeconds),
          '-use_template', '1',
          '-use_timeline', '1',
          '-adaptation_sets', adaptationSets.join(' '),
          '-init_seg_name', `${name}_init_$RepresentationID$.mp4`,
          '-media_seg_name', `${name}_${MEDIA_TEMPLATE[dash.segmentTemplateFormat]}`,
          path.join(building, `${name}.mpd`),
        );
        await ffmpeg(ffmpegPath, args, configurationId, 'remux the source to DASH', signal);
        await Promise.all(selected.map((_, index) => rm(path.join(building, `.${name}_${index}.ffconcat`), { force: true })));
        const mpdFile = path.join(building, `${name}.mpd`);
        await writeFile(mpdFile, mpdFor(await readFile(mpdFile, 'utf8'), manifest, audioCodec(first)));
        manifests.push(`${name}.mpd`);
      }
      return { manifests };
    },
    signal,
  );
}
