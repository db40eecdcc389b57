// Reads a harvested HLS source from the object store: the multivariant playlist at SourceArn,
// each rendition's VOD media playlist, and a check that every segment it names is there and is
// MPEG-TS. What MediaPackage-VOD would refuse to ingest becomes a SourceError.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { NoSuchKeyError, type ObjectStore } from '../objectstore/index.ts';
import { mapConcurrently } from './concurrently.ts';
import { parsePlaylist, type MediaPlaylist, type MultivariantPlaylist } from './playlist.ts';

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

const TS_PACKET = 188;
const TS_SYNC_BYTE = 0x47;

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

/** Existence and a cheap MPEG-TS sanity check: sync bytes at the first two packet boundaries. */
async function checkSegment(store: ObjectStore, bucket: string, key: string): Promise<string> {
  const file = store.pathOf(bucket, key);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SourceError(bucket, key, 'segment not found', { cause: error });
  }
  try {
    const head = Buffer.alloc(TS_PACKET + 1);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const looksLikeTs = bytesRead >= 1 && head[0] === TS_SYNC_BYTE && (bytesRead <= TS_PACKET || head[TS_PACKET] === TS_SYNC_BYTE);
    if (!looksLikeTs) throw new SourceError(bucket, key, 'segment is not MPEG-TS (no sync byte)');
  } finally {
    await handle.close();
  }
  return file;
}

async function readRendition(
  store: ObjectStore,
  bucket: string,
  key: string,
  media: MediaPlaylist,
  variant: Omit<SourceRendition, 'key' | 'segments'>,
): Promise<SourceRendition> {
  const [unsupported] = media.unsupported;
  if (unsupported) throw new SourceError(bucket, key, `${unsupported} is not supported: MPEG-TS segments in the clear only`);
  if (!media.endList) throw new SourceError(bucket, key, 'media playlist has no EXT-X-ENDLIST: not a complete VOD source');
  if (media.segments.length === 0) throw new SourceError(bucket, key, 'media playlist has no segments');
  const keys = media.segments.map((segment) => resolveKey(bucket, key, segment.uri));
  const files = await mapConcurrently(keys, (segmentKey) => checkSegment(store, bucket, segmentKey));
  const segments: SourceSegment[] = [];
  let nextDateTime: Date | undefined;
  for (const [index, segment] of media.segments.entries()) {
    const segmentKey = keys[index] ?? '';
    const file = files[index] ?? '';
    const programDateTime = segment.programDateTime ?? (segment.discontinuity ? undefined : nextDateTime);
    segments.push({ key: segmentKey, file, duration: segment.duration, programDateTime, discontinuity: segment.discontinuity });
    nextDateTime = programDateTime ? new Date(programDateTime.getTime() + segment.duration * 1000) : undefined;
  }
  return { key, ...variant, segments };
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
