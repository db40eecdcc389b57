// Live ingest over raw HTTP, as encoders really send it: the requests are written byte by byte on
// TCP sockets (no HTTP client smoothing them), so each way an encoder can upload is exercised as
// it reaches the origin. ffmpeg 4.1 and 5.1 differ in exactly these: chunked or sized bodies, one
// connection per upload or a kept-alive one, a playlist that arrives before its segment's last
// byte, a socket closed right after the last chunk without reading the answer.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaPackage, type MediaPackage } from '../../../local/mediapackage/index.ts';
import { createObjectStore } from '../../../local/objectstore/index.ts';
import { waitFor } from './helpers.ts';

let dir: string;
let origin: MediaPackage;
const logs: string[] = [];
let channelNumber = 0;

interface Channel {
  id: string;
  /** The path under the origin the encoder PUTs to. */
  ingestPath: string;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-'));
  origin = await startMediaPackage({
    dataDir: path.join(dir, 'mediapackage'),
    objectStore: createObjectStore({ root: path.join(dir, 'objects') }),
    channels: Array.from({ length: 6 }, (_, i) => ({ id: `ch${i}`, originEndpointId: `ch${i}-hls` })),
    log: (message) => logs.push(message),
  });
});

afterAll(async () => {
  await origin.stop();
  await rm(dir, { recursive: true, force: true });
});

function nextChannel(): Channel {
  const view = origin.channels[channelNumber];
  channelNumber += 1;
  if (!view) throw new Error('no channel left: add one in beforeAll');
  return { id: view.id, ingestPath: new URL(view.ingestUrl).pathname };
}

function connect(): Promise<net.Socket> {
  const { port, hostname } = new URL(origin.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

const write = (socket: net.Socket, data: string | Buffer) => new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads one response head off a kept-alive socket: its status. */
function status(socket: net.Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (data: Buffer) => {
      text += data.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})[\s\S]*?\r\n\r\n/.exec(text);
      if (!match) return;
      socket.off('data', onData);
      resolve(Number(match[1]));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

interface Upload {
  path: string;
  body: Buffer;
  /** Chunked transfer coding in pieces of this many bytes, each after `gapMs`; else one sized body. */
  chunkBytes?: number;
  gapMs?: number;
}

/** Writes one PUT on `socket`; with `keepAlive`, the socket stays open for the next one. */
async function put(socket: net.Socket, { path: target, body, chunkBytes, gapMs = 0 }: Upload, keepAlive: boolean): Promise<void> {
  const connection = keepAlive ? 'keep-alive' : 'close';
  if (chunkBytes === undefined) {
    await write(socket, `PUT ${target} HTTP/1.1\r\nHost: origin\r\nContent-Length: ${body.length}\r\nConnection: ${connection}\r\n\r\n`);
    await write(socket, body);
    return;
  }
  await write(socket, `PUT ${target} HTTP/1.1\r\nHost: origin\r\nTransfer-Encoding: chunked\r\nConnection: ${connection}\r\n\r\n`);
  for (let offset = 0; offset < body.length; offset += chunkBytes) {
    const chunk = body.subarray(offset, offset + chunkBytes);
    await write(socket, Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    if (gapMs > 0) await pause(gapMs);
  }
  await write(socket, '0\r\n\r\n');
}

/** ffmpeg 5.1's way: a connection of its own, closed right after the last byte, the answer never read. */
async function putAndHangUp(upload: Upload): Promise<void> {
  const socket = await connect();
  await put(socket, upload, false);
  socket.destroy();
}

const playlist = (segments: { uri: string; seconds: number }[], firstMsn = 0) =>
  Buffer.from(
    [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:2',
      `#EXT-X-MEDIA-SEQUENCE:${firstMsn}`,
      ...segments.flatMap(({ uri, seconds }) => [`#EXTINF:${seconds.toFixed(6)},`, uri]),
      '',
    ].join('\n'),
  );

/** Segment bodies: random bytes, so a dropped or reordered byte shows. */
const segmentBytes = () => randomBytes(200_000 + Math.floor(Math.random() * 100_000));

interface Archived {
  seq: number;
  ingestMsn: number;
  bytes: Buffer;
}

async function archived(channel: Channel, rendition = '0'): Promise<Archived[]> {
  const renditionDir = path.join(dir, 'mediapackage', 'channels', channel.id, rendition);
  const index = await readFile(path.join(renditionDir, 'index.jsonl'), 'utf8').catch(() => '');
  const records = index.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { seq: number; ingestMsn: number });
  return Promise.all(records.map(async ({ seq, ingestMsn }) => ({ seq, ingestMsn, bytes: await readFile(path.join(renditionDir, `${seq}.ts`)) })));
}

async function archivedCount(channel: Channel, count: number): Promise<Archived[]> {
  return waitFor(async () => {
    const segments = await archived(channel);
    return segments.length >= count ? segments : undefined;
  }, 10_000, `${count} archived segments on ${channel.id}`);
}

describe('live ingest over raw HTTP', () => {
  it('archives sized uploads on one kept-alive connection, each byte for byte', async () => {
    const channel = nextChannel();
    const bodies = [segmentBytes(), segmentBytes(), segmentBytes()];
    const socket = await connect();
    for (const [i, body] of bodies.entries()) {
      await put(socket, { path: `${channel.ingestPath}/s1/0/seg_${i}.ts`, body }, true);
      expect(await status(socket)).toBe(201);
      await put(socket, { path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist(bodies.slice(0, i + 1).map((_, n) => ({ uri: `seg_${n}.ts`, seconds: 2 }))) }, true);
      expect(await status(socket)).toBe(201);
    }
    socket.destroy();
    const segments = await archivedCount(channel, 3);
    expect(segments.map((segment) => segment.bytes.equals(bodies[segment.ingestMsn] ?? Buffer.alloc(0)))).toEqual([true, true, true]);
  });

  it('archives chunked uploads from connections closed right after their last chunk, answers unread', async () => {
    const channel = nextChannel();
    const bodies = [segmentBytes(), segmentBytes()];
    for (const [i, body] of bodies.entries()) {
      await putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_${i}.ts`, body, chunkBytes: 65_536 });
      await putAndHangUp({ path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist(bodies.slice(0, i + 1).map((_, n) => ({ uri: `seg_${n}.ts`, seconds: 2 }))), chunkBytes: 4096 });
    }
    const segments = await archivedCount(channel, 2);
    expect(segments.map((segment) => segment.bytes.equals(bodies[segment.ingestMsn] ?? Buffer.alloc(0)))).toEqual([true, true]);
  });

  it('waits for a segment whose playlist arrives while its body is still coming (ffmpeg 5.1), and archives it whole', async () => {
    const channel = nextChannel();
    const body = segmentBytes();
    // The segment trickles in over ~0.6 s; its playlist lands a third of the way through.
    const segment = putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_0.ts`, body, chunkBytes: 32_768, gapMs: 60 });
    await pause(200);
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist([{ uri: 'seg_0.ts', seconds: 2 }]) });
    expect(await archived(channel)).toEqual([]);
    await segment;
    const [archivedSegment] = await archivedCount(channel, 1);
    expect(archivedSegment?.bytes.equals(body)).toBe(true);
  });

  it('archives a playlist\'s segment that arrives after it', async () => {
    const channel = nextChannel();
    const body = segmentBytes();
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist([{ uri: 'seg_0.ts', seconds: 2 }]) });
    await pause(100);
    expect(await archived(channel)).toEqual([]);
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_0.ts`, body });
    const [archivedSegment] = await archivedCount(channel, 1);
    expect(archivedSegment?.bytes.equals(body)).toBe(true);
  });

  it('archives a segment PUT twice once, with the bytes of the copy that was listed', async () => {
    const channel = nextChannel();
    const body = segmentBytes();
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_0.ts`, body });
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist([{ uri: 'seg_0.ts', seconds: 2 }]) });
    await archivedCount(channel, 1);
    // A retried upload of a segment already archived, then the next segment as usual.
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_0.ts`, body });
    const next = segmentBytes();
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_1.ts`, body: next });
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist([{ uri: 'seg_0.ts', seconds: 2 }, { uri: 'seg_1.ts', seconds: 2 }]) });
    const segments = await archivedCount(channel, 2);
    await pause(200);
    expect((await archived(channel)).map((segment) => segment.ingestMsn)).toEqual([0, 1]);
    expect(segments[1]?.bytes.equals(next)).toBe(true);
  });

  it('never archives an upload cut off half-way, logs it lost once a later segment is in, and goes on', async () => {
    const channel = nextChannel();
    const first = segmentBytes();
    const socket = await connect();
    await write(socket, `PUT ${channel.ingestPath}/s1/0/seg_0.ts HTTP/1.1\r\nHost: origin\r\nContent-Length: ${first.length}\r\nConnection: close\r\n\r\n`);
    await write(socket, first.subarray(0, first.length >> 1));
    socket.destroy();
    const second = segmentBytes();
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/seg_1.ts`, body: second });
    await putAndHangUp({ path: `${channel.ingestPath}/s1/0/index.m3u8`, body: playlist([{ uri: 'seg_0.ts', seconds: 2 }, { uri: 'seg_1.ts', seconds: 2 }]) });
    const segments = await archivedCount(channel, 1);
    expect(segments.map((segment) => segment.ingestMsn)).toEqual([1]);
    expect(segments[0]?.bytes.equals(second)).toBe(true);
    expect(logs.some((line) => line.includes(`${channel.id}/0: seg_0.ts listed but never received whole`))).toBe(true);
  });
});
