// Reads a harvested HLS source from the object store: the multivariant playlist at SourceArn,
// each rendition's VOD media playlist, and a check that every segment it names is there and is
// MPEG-TS. What MediaPackage-VOD would refuse to ingest becomes a SourceError.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { NoSuchKeyError, type ObjectStore } from '../objectstore/index.ts';
import { mapConcurrently } from './concurrently.ts';
import { parsePlaylist, type MediaPlaylist, type MultivariantPlaylist } from './playlist.ts';
import { streamsOf, TS_PACKET } from './transportStream.ts';

export interface SourceSegment {
  /** Object key of the segment, for messages. */
  key: string;
  /** The file the object store keeps it in. */
  file: string;
  duration: number;
  /** Wall-clock start, from the playlist's EXT-X-PROGRAM-DATE-TIME (carried forward when untagged). */
  programDateTime?: Date;
  /** An EXT-X-DISCONTINUITY precedes this segment (e.g. the encoder restarted). */
  discontinuity: boolean;
}

export interface SourceRendition {
  /** Object key of the media playlist. */
  key: string;
  bandwidth: number;
  averageBandwidth?: number;
  codecs?: string;
  resolution?: { width: number; height: number };
  frameRate?: number;
  /** Its first segment's PMT lists an audio stream. */
  hasAudio: boolean;
  segments: SourceSegment[];
}

export interface SourceAsset {
  bucket: string;
  key: string;
  independentSegments: boolean;
  renditions: SourceRendition[];
}

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    readonly bucket: string,
    readonly key: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`s3://${bucket}/${key}: ${reason}`, options);
  }
}

const TS_SYNC_BYTE = 0x47;
/** How far into a rendition's first segment its PAT and PMT are looked for. */
const STREAMS_HEAD_BYTES = 64 * 1024;

/** Resolves a playlist URI against the key of the playlist that names it, as S3 keys. */
function resolveKey(bucket: string, playlistKey: string, uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    throw new SourceError(bucket, playlistKey, `absolute URI '${uri}' not supported: sources name objects relative to the manifest`);
  }
  const base = path.posix.dirname(playlistKey);
  const resolved = path.posix.normalize(uri.startsWith('/') ? uri.slice(1) : path.posix.join(base, uri));
  if (resolved.startsWith('../') || resolved === '..') {
    throw new SourceError(bucket, playlistKey, `URI '${uri}' points outside the bucket`);
  }
  return resolved.split('?')[0] ?? resolved;
}

async function readText(store: ObjectStore, bucket: string, key: string): Promise<string> {
  try {
    return (await store.get(bucket, key)).toString('utf8');
  } catch (error) {
    const reason = error instanceof NoSuchKeyError ? 'object not found' : (error as Error).message;
    throw new SourceError(bucket, key, reason, { cause: error });
  }
}

async function readPlaylist(store: ObjectStore, bucket: string, key: string): Promise<MultivariantPlaylist | MediaPlaylist> {
  const text = await readText(store, bucket, key);
  try {
    return parsePlaylist(text);
  } catch (error) {
    throw new SourceError(bucket, key, `not a valid HLS playlist: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Existence and a cheap MPEG-TS sanity check (sync bytes at the first two packet boundaries);
 * answers the file and its first `headBytes` bytes.
 */
async function checkSegment(store: ObjectStore, bucket: string, key: string, headBytes = TS_PACKET + 1): Promise<{ file: string; head: Buffer }> {
  const file = store.pathOf(bucket, key);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SourceError(bucket, key, 'segment not found', { cause: error });
  }
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const looksLikeTs = bytesRead >= 1 && head[0] === TS_SYNC_BYTE && (bytesRead <= TS_PACKET || head[TS_PACKET] === TS_SYNC_BYTE);
    if (!looksLikeTs) throw new SourceError(bucket, key, 'segment is not MPEG-TS (no sync byte)');
    return { file, head };
  } finally {
    await handle.close();
  }
}

async function readRendition(
  store: ObjectStore,
  bucket: string,
  key: string,
  media: MediaPlaylist,
  variant: Omit<SourceRendition, 'key' | 'segments' | 'hasAudio'>,
): Promise<SourceRendition> {
  const [unsupported] = media.unsupported;
  if (unsupported) throw new SourceError(bucket, key, `${unsupported} is not supported: MPEG-TS segments in the clear only`);
  if (!media.endList) throw new SourceError(bucket, key, 'media playlist has no EXT-X-ENDLIST: not a complete VOD source');
  if (media.segments.length === 0) throw new SourceError(bucket, key, 'media playlist has no segments');
  const keys = media.segments.map((segment) => resolveKey(bucket, key, segment.uri));
  const checked = await mapConcurrently(keys, (segmentKey, index) => checkSegment(store, bucket, segmentKey, index === 0 ? STREAMS_HEAD_BYTES : undefined));
  const streams = streamsOf(checked[0]?.head ?? Buffer.alloc(0));
  if (!streams) throw new SourceError(bucket, keys[0] ?? key, 'segment has no PAT and PMT at its start (RFC 8216 section 3.2): its streams cannot be read');
  const segments: SourceSegment[] = [];
  let nextDateTime: Date | undefined;
  for (const [index, segment] of media.segments.entries()) {
    const segmentKey = keys[index] ?? '';
    const file = checked[index]?.file ?? '';
    const programDateTime = segment.programDateTime ?? (segment.discontinuity ? undefined : nextDateTime);
    segments.push({ key: segmentKey, file, duration: segment.duration, programDateTime, discontinuity: segment.discontinuity });
    nextDateTime = programDateTime ? new Date(programDateTime.getTime() + segment.duration * 1000) : undefined;
  }
  return { key, ...variant, hasAudio: streams.audio, segments };
}

export async function readSource(store: ObjectStore, bucket: string, key: string): Promise<SourceAsset> {
  const top = await readPlaylist(store, bucket, key);
  if (top.kind === 'media') {
    // A single media playlist is a one-rendition source.
    const rendition = await readRendition(store, bucket, key, top, { bandwidth: 0 });
    return { bucket, key, independentSegments: top.independentSegments, renditions: [rendition] };
  }
  if (top.variants.length === 0) throw new SourceError(bucket, key, 'multivariant playlist lists no renditions');
  const [alternate] = top.alternateRenditions;
  if (alternate) {
    throw new SourceError(bucket, key, `alternate ${alternate.type} rendition '${alternate.uri}' is not supported: audio must be muxed into each rendition`);
  }
  const renditions = await Promise.all(
    top.variants.map(async (variant) => {
      const mediaKey = resolveKey(bucket, key, variant.uri);
      const media = await readPlaylist(store, bucket, mediaKey);
      if (media.kind !== 'media') throw new SourceError(bucket, mediaKey, 'expected a media playlist, found a multivariant playlist');
      return readRendition(store, bucket, mediaKey, media, {
        bandwidth: variant.bandwidth,
        averageBandwidth: variant.averageBandwidth,
        codecs: variant.codecs,
        resolution: variant.resolution,
        frameRate: variant.frameRate,
      });
    }),
  );
  return { bucket, key, independentSegments: top.independentSegments, renditions };
}
