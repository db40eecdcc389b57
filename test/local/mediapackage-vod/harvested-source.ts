// A harvested-shaped HLS clip made by a real encoder (not a mock): two H.264 + AAC renditions
// with 2 s MPEG-TS segments and program date times, VOD media playlists and a multivariant
// playlist at the manifest key, as a MediaPackage harvest job leaves them in S3.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFfmpeg } from '../../../local/ffmpeg/index.ts';
import type { ObjectStore } from '../../../local/objectstore/index.ts';

const run = promisify(execFile);

export interface HarvestedSource {
  manifestKey: string;
  sourceArn: string;
  /** Sum of the EXTINF durations of each rendition's media playlist. */
  durations: number[];
}

function encodeArgs(scale: string, bitrate: string, dir: string, name: string): string[] {
  return [
    '-map', scale, '-map', '1:a', '-t', '12',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0', '-b:v', bitrate,
    '-c:a', 'aac', '-b:a', '64k',
    '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_flags', 'program_date_time+independent_segments',
    '-hls_segment_filename', path.join(dir, `${name}_%05d.ts`), path.join(dir, `${name}.m3u8`),
  ];
}

export interface Size {
  width: number;
  height: number;
}

export interface HarvestedSourceOptions {
  /** The low rendition's picture; the high one is 320x180. @default 160x90 */
  low?: Size;
}

export async function putHarvestedSource(store: ObjectStore, bucket: string, prefix: string, { low = { width: 160, height: 90 } }: HarvestedSourceOptions = {}): Promise<HarvestedSource> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vod-source-'));
  try {
    const { path: ffmpeg } = await findFfmpeg();
    await run(ffmpeg, [
      '-v', 'error',
      '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      // setsar=1: square pixels whatever the low size, as an encoder's ladder has them.
      '-filter_complex', `[0:v]split=2[hi][v];[v]scale=${low.width}:${low.height},setsar=1[lo]`,
      ...encodeArgs('[hi]', '400k', dir, 'hi'),
      ...encodeArgs('[lo]', '150k', dir, 'lo'),
    ]);
    for (const name of await readdir(dir)) {
      await store.put(bucket, `${prefix}/${name}`, await readFile(path.join(dir, name)));
    }
    const manifestKey = `${prefix}/index.m3u8`;
    await store.put(
      bucket,
      manifestKey,
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-STREAM-INF:BANDWIDTH=560000,RESOLUTION=320x180,CODECS="avc1.42c00d,mp4a.40.2"',
        'hi.m3u8',
        `#EXT-X-STREAM-INF:BANDWIDTH=250000,RESOLUTION=${low.width}x${low.height},CODECS="avc1.42c00b,mp4a.40.2"`,
        'lo.m3u8',
        '',
      ].join('\n'),
    );
    const durations = await Promise.all(
      ['hi', 'lo'].map(async (name) => {
        const text = await readFile(path.join(dir, `${name}.m3u8`), 'utf8');
        return [...text.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      }),
    );
    return { manifestKey, sourceArn: `arn:aws:s3:::${bucket}/${manifestKey}`, durations };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
