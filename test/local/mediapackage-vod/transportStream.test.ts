// Segments made by the real ffmpeg the home runs (npm's or the system's), read as ingest reads them.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../../local/ffmpeg/index.ts';
import { streamsOf, TS_PACKET } from '../../../local/mediapackage-vod/transportStream.ts';

const run = promisify(execFile);
const VIDEO = ['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25'];
const TONE = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];

describe('streamsOf: the streams a segment PMT lists', () => {
  let dir: string;
  let ffmpeg: string;

  /** The first 64 KB of a 1 s MPEG-TS file encoded with these arguments. */
  async function segment(name: string, args: string[]): Promise<Buffer> {
    const file = path.join(dir, `${name}.ts`);
    await run(ffmpeg, ['-v', 'error', ...args, '-t', '1', '-f', 'mpegts', file]);
    return (await readFile(file)).subarray(0, 64 * 1024);
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ts-streams-'));
    ffmpeg = (await findFfmpeg()).path;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds H.264 with AAC, as the encoder writes', async () => {
    const bytes = await segment('muxed', [...VIDEO, ...TONE, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    expect(streamsOf(bytes)).toEqual({ video: true, audio: true });
  });

  it('finds no audio in a video-only segment', async () => {
    const bytes = await segment('video', [...VIDEO, '-c:v', 'libx264', '-preset', 'ultrafast']);
    expect(streamsOf(bytes)).toEqual({ video: true, audio: false });
  });

  it('finds AC-3 both as ATSC writes it (its own stream type) and as DVB does (private data with a descriptor)', async () => {
    const atsc = await segment('ac3', [...TONE, '-c:a', 'ac3']);
    const dvb = await segment('ac3-dvb', [...TONE, '-c:a', 'ac3', '-mpegts_flags', 'system_b']);
    expect(streamsOf(atsc)).toEqual({ video: false, audio: true });
    expect(streamsOf(dvb)).toEqual({ video: false, audio: true });
  });

  it('answers undefined for bytes that are not MPEG-TS, or whose start holds no PAT and PMT', async () => {
    const bytes = await segment('muxed-again', [...VIDEO, ...TONE, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    const packets = Array.from({ length: Math.floor(bytes.length / TS_PACKET) }, (_, n) => bytes.subarray(n * TS_PACKET, (n + 1) * TS_PACKET));
    // The muxer's PSI: the PAT (PID 0) and the PMT (the PID the PAT names, 0x1000 in ffmpeg).
    const withoutTables = Buffer.concat(packets.filter((packet) => ![0, 0x1000].includes(packet.readUInt16BE(1) & 0x1fff)));
    expect(streamsOf(bytes)).toBeDefined();
    expect(streamsOf(withoutTables)).toBeUndefined();
    expect(streamsOf(Buffer.from('#EXTM3U\n'.repeat(100)))).toBeUndefined();
    expect(streamsOf(Buffer.alloc(0))).toBeUndefined();
  });
});
