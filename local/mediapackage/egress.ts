import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { endOf, type ArchivedSegment, type ChannelArchive } from './archive.ts';
import { mediaPlaylist, multivariantPlaylist, renditionIdOf, renditionNumber } from './playlists.ts';
import { InvalidTimeError, parseTime } from './timeline.ts';

/**
 * What an origin endpoint serves under `/out/v1/<originEndpointId>/` (names from its manifest name, `index` by default):
 *   index.m3u8                 multivariant playlist
 *   index_<n>.m3u8             rendition n's media playlist (sliding live window)
 *   index_<n>_<seq>.ts         a segment from the archive
 * With `?start=&end=` (ISO-8601 or epoch seconds) on either playlist: time-shifted viewing of the
 * startover window, a VOD playlist when the range has fully passed, EVENT while it is still live.
 */

export interface EgressOptions {
  liveWindowSeconds: number;
  /** The base of every file name: `<name>.m3u8`, `<name>_<n>.m3u8`, `<name>_<n>_<seq>.ts`. @default 'index' */
  manifestName?: string;
}

const PLAYLIST_HEADERS = { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-cache' };

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(text), ...headers }).end(text);
}

interface TimeShift {
  startMs: number;
  endMs: number | undefined;
}

function readTimeShift(query: URLSearchParams): TimeShift | undefined {
  const start = query.get('start');
  const end = query.get('end');
  if (start === null && end === null) return undefined;
  return {
    startMs: start === null ? 0 : parseTime('start', start),
    endMs: end === null ? undefined : parseTime('end', end),
  };
}

function liveWindow(segments: readonly ArchivedSegment[], seconds: number): ArchivedSegment[] {
  const last = segments[segments.length - 1];
  if (!last) return [];
  const from = endOf(last) - seconds * 1000;
  return segments.filter((segment) => segment.startMs >= from);
}

export function serveEgress(res: ServerResponse, archive: ChannelArchive, file: string, query: URLSearchParams, options: EgressOptions): void {
  let shift: TimeShift | undefined;
  try {
    shift = readTimeShift(query);
  } catch (error) {
    if (error instanceof InvalidTimeError) return sendText(res, 400, error.message);
    throw error;
  }
  const suffix = query.toString() ? `?${query.toString()}` : '';
  const name = options.manifestName ?? 'index';
  const child = file.startsWith(`${name}_`) ? file.slice(name.length + 1) : undefined;

  if (file === `${name}.m3u8`) {
    const variants = archive.orderedRenditions().map((rendition) => ({
      info: archive.variants.find((variant) => variant.rendition === rendition.id),
      uri: `${name}_${renditionNumber(rendition.id)}.m3u8${suffix}`,
    }));
    if (variants.length === 0) return sendText(res, 404, 'no content received yet');
    return sendText(res, 200, multivariantPlaylist(variants), PLAYLIST_HEADERS);
  }

  const playlist = child === undefined ? null : /^(\d+)\.m3u8$/.exec(child);
  if (playlist?.[1]) {
    const number = Number(playlist[1]);
    const rendition = archive.renditions.get(renditionIdOf(number));
    if (!rendition || rendition.segments.length === 0) return sendText(res, 404, 'no such rendition');
    const uriOf = (segment: ArchivedSegment) => `${name}_${number}_${segment.seq}.ts`;
    if (!shift) {
      const segments = liveWindow(rendition.segments, options.liveWindowSeconds);
      return sendText(res, 200, mediaPlaylist({ segments, uriOf, type: 'LIVE' }), PLAYLIST_HEADERS);
    }
    const liveEdge = archive.liveEdgeMs() ?? 0;
    const complete = shift.endMs !== undefined && shift.endMs <= liveEdge;
    const segments = rendition.range(shift.startMs, shift.endMs ?? Infinity);
    if (segments.length === 0) return sendText(res, 404, 'no content in the requested range');
    // Archive sequence numbers, not a renumbering: a player that polled the range while it was
    // still live sees the same segments under the same numbers once it is complete.
    const type = complete ? 'VOD' : 'EVENT';
    return sendText(res, 200, mediaPlaylist({ segments, uriOf, type }), PLAYLIST_HEADERS);
  }

  const segmentFile = child === undefined ? null : /^(\d+)_(\d+)\.ts$/.exec(child);
  if (segmentFile?.[1] && segmentFile[2]) {
    const rendition = archive.renditions.get(renditionIdOf(Number(segmentFile[1])));
    const segment = rendition?.bySeq(Number(segmentFile[2]));
    if (!rendition || !segment) return sendText(res, 404, 'segment not in the startover window');
    const stream = createReadStream(rendition.fileOf(segment));
    stream.on('error', () => {
      if (!res.headersSent) sendText(res, 404, 'segment expired');
      else res.destroy();
    });
    stream.once('open', () => res.writeHead(200, { 'Content-Type': 'video/mp2t', 'Cache-Control': 'max-age=86400' }));
    stream.pipe(res);
    return;
  }
  sendText(res, 404, 'not found');
}
