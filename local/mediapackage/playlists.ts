import type { ArchivedSegment, VariantInfo } from './archive.ts';
import { isoMs } from './timeline.ts';

/** Renditions are numbered from 1 in the encoder's order, as MediaPackage names `index_1.m3u8`. */
export const renditionNumber = (renditionId: string): number => Number(renditionId) + 1;
export const renditionIdOf = (number: number): string => String(number - 1);

export interface Variant {
  info: VariantInfo | undefined;
  uri: string;
}

// Without the encoder's master playlist, a bandwidth still has to be declared (the tag requires it).
const FALLBACK_BANDWIDTH = 1_000_000;

export function multivariantPlaylist(variants: Variant[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const { info, uri } of variants) {
    const attributes = [`BANDWIDTH=${info?.bandwidth || FALLBACK_BANDWIDTH}`];
    if (info?.resolution) attributes.push(`RESOLUTION=${info.resolution}`);
    if (info?.codecs) attributes.push(`CODECS="${info.codecs}"`);
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, uri);
  }
  return `${lines.join('\n')}\n`;
}

export interface MediaPlaylistOptions {
  segments: readonly ArchivedSegment[];
  uriOf: (segment: ArchivedSegment) => string;
  /** LIVE: sliding window; EVENT: grows from a fixed start; VOD: complete, ends with EXT-X-ENDLIST. */
  type: 'LIVE' | 'EVENT' | 'VOD';
  /** VOD clips number their segments from 0 and drop the archive's discontinuity count. */
  renumber?: boolean;
}

export function mediaPlaylist({ segments, uriOf, type, renumber = false }: MediaPlaylistOptions): string {
  const first = segments[0];
  const target = Math.max(1, ...segments.map((segment) => Math.ceil(segment.durationMs / 1000)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${target}`];
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${renumber || !first ? 0 : first.seq}`);
  if (!renumber && first) {
    const before = first.discontinuitySeq - (first.discontinuity ? 1 : 0);
    if (before > 0) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${before}`);
  }
  if (type !== 'LIVE') lines.push(`#EXT-X-PLAYLIST-TYPE:${type}`);
  lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  segments.forEach((segment, index) => {
    // In a clip, its first segment has nothing to be discontinuous with.
    if (segment.discontinuity && !(renumber && index === 0)) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${isoMs(segment.startMs)}`);
    lines.push(`#EXTINF:${(segment.durationMs / 1000).toFixed(3)},`, uriOf(segment));
  });
  if (type === 'VOD') lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
