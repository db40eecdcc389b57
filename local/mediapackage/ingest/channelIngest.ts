import type { IncomingMessage } from 'node:http';
import { endOf, type ChannelArchive } from '../archive.ts';
import { parseMediaPlaylist, parseMultivariant, type IngestPlaylistSegment } from './playlists.ts';
import { BodyTooLargeError, IncompleteBodyError, readBody } from './body.ts';
import { SegmentStaging } from './staging.ts';

/**
 * HLS ingest as MediaPackage takes it from MediaLive: the encoder PUTs segments, then the media
 * playlist that lists them, per rendition, under `<ingestUrl>/<session>/<rendition>/`, and a
 * multivariant playlist at `<ingestUrl>/<session>/master.m3u8`. Segments wait in staging until
 * they arrived whole and a playlist names them with their duration; then they move into the
 * archive with a program date time from the origin's own clock (ffmpeg 4.1 only writes whole
 * seconds).
 *
 * Encoders differ in how they send: chunked or with a length, one connection per upload or
 * persistent ones, and the playlist before or after its segment's last byte (ffmpeg 5.1 sends it
 * while the segment is still arriving). So a listed segment still arriving is awaited, and the
 * end of every upload looks at its rendition's last playlist again.
 */

export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

// Far above any live segment (a 2 s 1080p segment is a few MB): a bound, not a rule.
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

// Names the encoder may use: no path tricks can reach outside the staging directory.
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

interface ListedPlaylist {
  session: string;
  segments: IngestPlaylistSegment[];
  /** When it arrived: its last segment ended about then, as the encoder PUTs each one once cut. */
  receivedAt: number;
}

export class ChannelIngest {
  private readonly anchors = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly playlists = new Map<string, ListedPlaylist>();
  private readonly staging: SegmentStaging;

  constructor(
    readonly channelId: string,
    private readonly archive: ChannelArchive,
    stagingDir: string,
    private readonly log: (message: string) => void,
  ) {
    this.staging = new SegmentStaging(stagingDir, log);
    // Sessions already in the archive keep their time origin across an origin restart.
    for (const rendition of archive.renditions.values()) {
      for (const segment of rendition.segments) this.anchors.set(segment.session, segment.anchorMs);
    }
    this.staging.events.on('settled', (rendition) => {
      this.archivePending(rendition).catch((error: unknown) =>
        log(`[mediapackage] ${channelId}/${rendition}: archiving failed: ${String(error)}`),
      );
    });
  }

  static async clearStaging(stagingDir: string): Promise<void> {
    await SegmentStaging.clear(stagingDir);
  }

  /** `parts` is the path under the ingest URL: [session, 'master.m3u8'] or [session, rendition, file]. */
  async handlePut(parts: string[], req: IncomingMessage): Promise<void> {
    // Read from the first moment, before anything is awaited (see readBody).
    const body = readBody(req, MAX_UPLOAD_BYTES);
    body.catch(() => undefined);
    try {
      await this.route(parts, body);
    } catch (error) {
      if (error instanceof IncompleteBodyError) throw new IngestError(`${parts.join('/')}: ${error.message}`, 400);
      if (error instanceof BodyTooLargeError) throw new IngestError(`${parts.join('/')}: ${error.message}`, 413);
      throw error;
    }
  }

  private async route(parts: string[], body: Promise<Buffer>): Promise<void> {
    if (!parts.every((part) => SAFE_NAME.test(part) && part !== '.' && part !== '..')) {
      throw new IngestError(`bad ingest path ${parts.join('/')}`, 400);
    }
    const [session, second, file] = parts;
    if (parts.length === 2 && session && second?.endsWith('.m3u8')) {
      await this.archive.setVariants(parseMultivariant((await body).toString('utf8')));
      return;
    }
    if (parts.length !== 3 || !session || !second || !file) throw new IngestError(`bad ingest path ${parts.join('/')}`, 404);
    if (file.endsWith('.m3u8')) {
      const segments = parseMediaPlaylist((await body).toString('utf8'));
      this.playlists.set(second, { session, segments, receivedAt: Date.now() });
      await this.archivePending(second);
      return;
    }
    await this.staging.receive(session, second, file, body);
  }

  /** One rendition is archived one pass at a time, in arrival order, from its last playlist. */
  private archivePending(rendition: string): Promise<void> {
    const work = async () => {
      const playlist = this.playlists.get(rendition);
      if (playlist) await this.archiveListed(rendition, playlist);
    };
    const previous = this.queues.get(rendition) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(rendition, next.catch(() => undefined));
    return next;
  }

  private async archiveListed(renditionId: string, { session, segments: listed, receivedAt: now }: ListedPlaylist): Promise<void> {
    const rendition = this.archive.rendition(renditionId);
    const lost: string[] = [];
    for (const [index, entry] of listed.entries()) {
      const last = rendition.last();
      if (last?.session === session && entry.msn <= last.ingestMsn) {
        await this.staging.discard(session, renditionId, entry.uri);
        continue;
      }
      const state = this.staging.stateOf(session, renditionId, entry.uri);
      // Still arriving: the end of its upload starts the next pass.
      if (state === 'receiving') return;
      if (state === 'absent') {
        // An encoder uploads in order, so a later segment on its way means this one is lost
        // (the origin was down, or its upload broke off); else it has not been sent yet.
        const sentLater = listed.slice(index + 1).some((later) => this.staging.stateOf(session, renditionId, later.uri) !== 'absent');
        if (!sentLater) return;
        lost.push(entry.uri);
        continue;
      }
      if (lost.length > 0) {
        this.log(`[mediapackage] ${this.channelId}/${renditionId}: ${lost.join(', ')} listed but never received whole, skipped`);
        lost.length = 0;
      }
      const durationBefore = listed.slice(0, index).reduce((sum, segment) => sum + segment.durationMs, 0);
      let anchorMs = this.anchors.get(session);
      if (anchorMs === undefined) {
        const listedTotal = listed.reduce((sum, segment) => sum + segment.durationMs, 0);
        anchorMs = Math.max(now - listedTotal, this.archive.latestEndMs() ?? -Infinity);
        this.anchors.set(session, anchorMs);
        await this.staging.keepOnly(session);
        this.log(`[mediapackage] ${this.channelId}: encoder session ${session} starts at ${new Date(anchorMs).toISOString()}`);
      }
      const sameSession = last?.session === session;
      const contiguous = sameSession && entry.msn === last.ingestMsn + 1;
      let startMs: number;
      if (contiguous) startMs = endOf(last);
      else if (sameSession) {
        // Segments went missing (the origin was down): place this one by the clock, after a gap.
        const fromHereToEnd = listed.slice(index).reduce((sum, segment) => sum + segment.durationMs, 0);
        startMs = Math.max(endOf(last), now - fromHereToEnd);
      } else startMs = anchorMs + durationBefore;
      await rendition.append(this.staging.fileOf(session, renditionId, entry.uri), {
        startMs,
        durationMs: entry.durationMs,
        session,
        anchorMs,
        ingestMsn: entry.msn,
        discontinuity: last !== undefined && !contiguous,
      });
      this.staging.taken(session, renditionId, entry.uri);
    }
  }
}
