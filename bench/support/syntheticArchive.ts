// A live archive as the origin writes it, without streaming it: encoding 10 min live would take
// 10 min, so one 2 s segment per rendition is encoded once (as the live encoder makes them:
// H.264 + AAC in MPEG-TS, a keyframe per segment) and replicated along a timeline ending at a
// given time. Everything reading the archive afterwards (harvest jobs, egress) is the real path.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFfmpeg } from '../../local/ffmpeg/index.ts';
import { ChannelArchive, type VariantInfo } from '../../local/mediapackage/index.ts';

const run = promisify(execFile);
const SEGMENT_MS = 2_000;

// The local encoder's renditions (local/encoder/args.ts), named as it names them ('0', '1').
const TEMPLATE_RENDITIONS = [
  { size: '640x360', bitrate: '800k' },
  { size: '426x240', bitrate: '400k' },
];

export interface SegmentTemplate {
  segments: string[];
  variants: VariantInfo[];
}

/** One 2 s segment per rendition. */
export async function encodeTemplate(dir: string): Promise<SegmentTemplate> {
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

/**
 * Writes `durationMs` of archive ending at `endMs` into `archiveDir` (a channel's archive folder:
 * `<mediapackage dataDir>/channels/<id>` for v1, `.../channels/<group>/<channel>/archive` for v2).
 */
export async function writeSyntheticArchive(archiveDir: string, template: SegmentTemplate, endMs: number, durationMs: number): Promise<ChannelArchive> {
  const archive = await ChannelArchive.open(archiveDir);
  await archive.setVariants(template.variants);
  const count = Math.ceil(durationMs / SEGMENT_MS);
  const anchorMs = endMs - count * SEGMENT_MS;
  for (const [index, source] of template.segments.entries()) {
    const rendition = archive.rendition(String(index));
    const staging = path.join(archiveDir, `staging-${index}`);
    await mkdir(staging, { recursive: true });
    for (let i = 0; i < count; i += 1) {
      // append() takes the file over (it moves it into the archive), so each gets its own copy.
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
