import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEncoder, type Encoder } from '../../../local/encoder/index.ts';
import { findFfmpeg } from '../../../local/ffmpeg/index.ts';
import { startMediaPackage, type MediaPackage } from '../../../local/mediapackage/index.ts';
import { createObjectStore } from '../../../local/objectstore/index.ts';
import { fetchText, parseMedia, parseMultivariant, waitFor } from '../mediapackage/helpers.ts';

const run = promisify(execFile);

let dir: string;
let origin: MediaPackage;
const encoders: Encoder[] = [];

/** What ffmpeg reports about a file's streams (it exits 1 without an output: that is expected). */
async function streamsOf(file: string): Promise<string> {
  const { path: ffmpeg } = await findFfmpeg();
  return run(ffmpeg, ['-hide_banner', '-i', file]).then(
    ({ stderr }) => stderr,
    (error: { stderr?: string }) => error.stderr ?? '',
  );
}

async function livePlaylist(channel: number, rendition: number) {
  const url = origin.channels[channel]?.playbackUrl.replace('index.m3u8', `index_${rendition}.m3u8`) ?? '';
  const { status, text } = await fetchText(url);
  return status === 200 ? { text, media: parseMedia(text), url } : undefined;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'encoder-'));
  origin = await startMediaPackage({
    dataDir: path.join(dir, 'mediapackage'),
    objectStore: createObjectStore({ root: path.join(dir, 'objects') }),
    channels: [
      { id: 'pattern', originEndpointId: 'pattern-hls' },
      { id: 'file', originEndpointId: 'file-hls' },
    ],
    log: () => {},
  });
});

afterAll(async () => {
  await Promise.all(encoders.map((encoder) => encoder.stop()));
  await origin?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('live encoder', () => {
  it('pushes two H.264 + AAC renditions in 2 s segments and comes back after dying, as a discontinuity', async () => {
    const logs: string[] = [];
    const encoder = await startEncoder({
      ingestUrl: origin.channels[0]?.ingestUrl ?? '',
      restartDelayMs: 200,
      log: (message) => logs.push(message),
    });
    encoders.push(encoder);
    const before = await waitFor(
      async () => {
        const live = await livePlaylist(0, 1);
        return live && live.media.segments.length >= 2 ? live : undefined;
      },
      20_000,
      'two segments',
    );
    expect(before.media.segments[0]?.duration).toBeCloseTo(2, 1);

    const master = parseMultivariant((await fetchText(origin.channels[0]?.playbackUrl ?? '')).text);
    expect(master.variants.map((variant) => variant.resolution)).toEqual([
      { width: 640, height: 360 },
      { width: 426, height: 240 },
    ]);
    const segmentFile = path.join(dir, 'mediapackage', 'channels', 'pattern', '0', '0.ts');
    const streams = await streamsOf(segmentFile);
    expect(streams).toMatch(/Video: h264.*640x360/);
    expect(streams).toMatch(/Audio: aac.*48000 Hz/);

    const firstPid = encoder.pid();
    process.kill(firstPid ?? 0, 'SIGKILL');
    const after = await waitFor(
      async () => {
        const live = await livePlaylist(0, 1);
        return live?.media.segments.some((segment) => segment.discontinuity) ? live : undefined;
      },
      30_000,
      'a discontinuity after the restart',
    );
    expect(encoder.restarts()).toBe(1);
    expect(encoder.pid()).not.toBe(firstPid);
    expect(after.text).toContain('#EXT-X-DISCONTINUITY');
    expect(logs.some((line) => line.includes('died'))).toBe(true);
    // Program date times never go backwards across the restart.
    const times = after.media.segments.map((segment) => segment.programDateTime?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('loops a user file as its source', async () => {
    const { path: ffmpeg } = await findFfmpeg();
    const file = path.join(dir, 'source.mp4');
    await run(ffmpeg, [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine',
      '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', file,
    ]);
    const encoder = await startEncoder({ ingestUrl: origin.channels[1]?.ingestUrl ?? '', source: file, log: () => {} });
    encoders.push(encoder);
    // Three segments of 2 s from a 3 s file: it loops.
    const live = await waitFor(
      async () => {
        const playlist = await livePlaylist(1, 2);
        return playlist && playlist.media.segments.length >= 3 ? playlist : undefined;
      },
      30_000,
      'three segments from the looped file',
    );
    expect(live.media.segments.every((segment) => segment.duration > 1.5)).toBe(true);
    expect(await streamsOf(path.join(dir, 'mediapackage', 'channels', 'file', '1', '2.ts'))).toMatch(/Video: h264.*426x240/);
  });
});
