import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { endOf, type ChannelArchive, type VariantInfo } from './archive.ts';

/**
 * HLS ingest as MediaPackage takes it from MediaLive: the encoder PUTs segments, then the media
 * playlist that lists them, per rendition, under `<ingestUrl>/<session>/<rendition>/`, and a
 * multivariant playlist at `<ingestUrl>/<session>/master.m3u8`. Segments wait in a staging
 * directory until a playlist names them with their duration; then they move into the archive with
 * a program date time from the origin's own clock (ffmpeg 4.1 only writes whole seconds).
 */

interface IngestPlaylistSegment {
  msn: number;
  durationMs: number;
  uri: string;
}

export function parseMediaPlaylist(text: string): IngestPlaylistSegment[] {
  let msn = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  const segments: IngestPlaylistSegment[] = [];
  let durationMs: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      durationMs = Math.round(Number.parseFloat(line.slice('#EXTINF:'.length)) * 1000);
    } else if (line && !line.startsWith('#') && durationMs !== undefined) {
      segments.push({ msn, durationMs, uri: line });
      msn += 1;
      durationMs = undefined;
    }
  }
  return segments;
}

export function parseMultivariant(text: string): VariantInfo[] {
  const variants: VariantInfo[] = [];
  let attributes: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      attributes = line.slice('#EXT-X-STREAM-INF:'.length);
    } else if (line && !line.startsWith('#') && attributes !== undefined) {
      const rendition = line.split('/')[0] ?? line;
      variants.push({
        rendition,
        bandwidth: Number(/(?:^|,)BANDWIDTH=(\d+)/.exec(attributes)?.[1] ?? 0),
        resolution: /RESOLUTION=(\d+x\d+)/.exec(attributes)?.[1],
        codecs: /CODECS="([^"]+)"/.exec(attributes)?.[1],
      });
      attributes = undefined;
    }
  }
  return variants;
}

export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

// Names the encoder may use: no path tricks can reach outside the staging directory.
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

export class ChannelIngest {
  private readonly anchors = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    readonly channelId: string,
    private readonly archive: ChannelArchive,
    private readonly stagingDir: string,
    private readonly log: (message: string) => void,
  ) {
    // Sessions already in the archive keep their time origin across an origin restart.
    for (const rendition of archive.renditions.values()) {
      for (const segment of rendition.segments) this.anchors.set(segment.session, segment.anchorMs);
    }
  }

  static async clearStaging(stagingDir: string): Promise<void> {
    await rm(stagingDir, { recursive: true, force: true });
  }

  /** `parts` is the path under the ingest URL: [session, 'master.m3u8'] or [session, rendition, file]. */
  async handlePut(parts: string[], body: IncomingMessage): Promise<void> {
    if (!parts.every((part) => SAFE_NAME.test(part) && part !== '.' && part !== '..')) {
      throw new IngestError(`bad ingest path ${parts.join('/')}`, 400);
    }
    const [session, second, file] = parts;
    if (parts.length === 2 && session && second?.endsWith('.m3u8')) {
      await this.archive.setVariants(parseMultivariant(await readText(body)));
      return;
    }
    if (parts.length !== 3 || !session || !second || !file) throw new IngestError(`bad ingest path ${parts.join('/')}`, 404);
    if (file.endsWith('.m3u8')) {
      const text = await readText(body);
      await this.serialized(second, () => this.archiveListed(session, second, parseMediaPlaylist(text)));
      return;
    }
    const dir = path.join(this.stagingDir, session, second);
    await mkdir(dir, { recursive: true });
    await pipeline(body, createWriteStream(path.join(dir, file)));
  }

  /** Segments an earlier encoder run PUT but never listed (it died in between) are never archived. */
  private async dropStagingExcept(session: string): Promise<void> {
    const entries = await readdir(this.stagingDir).catch(() => [] as string[]);
    await Promise.all(entries.filter((name) => name !== session).map((name) => rm(path.join(this.stagingDir, name), { recursive: true, force: true })));
  }

  /** One rendition's playlists are handled one at a time, in arrival order. */
  private serialized(rendition: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(rendition) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(rendition, next.catch(() => undefined));
    return next;
  }

  private async archiveListed(session: string, renditionId: string, listed: IngestPlaylistSegment[]): Promise<void> {
    const rendition = this.archive.rendition(renditionId);
    const now = Date.now();
    for (const [index, entry] of listed.entries()) {
      const last = rendition.last();
      if (last?.session === session && entry.msn <= last.ingestMsn) continue;
      const staged = path.join(this.stagingDir, session, renditionId, entry.uri);
      if (!(await exists(staged))) {
        this.log(`[mediapackage] ${this.channelId}/${renditionId}: ${entry.uri} listed but never received, skipped`);
        continue;
      }
      const durationBefore = listed.slice(0, index).reduce((sum, segment) => sum + segment.durationMs, 0);
      let anchorMs = this.anchors.get(session);
      if (anchorMs === undefined) {
        // The playlist's last segment ended about now: the encoder PUTs each one as soon as it is cut.
        const listedTotal = listed.reduce((sum, segment) => sum + segment.durationMs, 0);
        anchorMs = Math.max(now - listedTotal, this.archive.latestEndMs() ?? -Infinity);
        this.anchors.set(session, anchorMs);
        await this.dropStagingExcept(session);
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
      await rendition.append(staged, {
        startMs,
        durationMs: entry.durationMs,
        session,
        anchorMs,
        ingestMsn: entry.msn,
        discontinuity: last !== undefined && !contiguous,
      });
    }
  }
}

async function readText(body: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
