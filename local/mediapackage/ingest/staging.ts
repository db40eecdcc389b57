import { EventEmitter } from 'node:events';
import { mkdir, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IncompleteBodyError } from './body.ts';

/** Where one uploaded segment is: still arriving, complete in staging, or nowhere. */
export type StagedState = 'receiving' | 'complete' | 'absent';

export interface StagingEvents {
  /** A segment upload ended, complete or not: whoever waits on it can look again. */
  settled: [rendition: string];
}

/**
 * Segment uploads on their way into the archive. A segment is staged under its name only once its
 * body arrived whole, and which uploads are still arriving is known, so a playlist that lists a
 * segment before its last byte (ffmpeg 5.1 does) waits for it.
 *
 * Why (issue 8): the origin used to stream each body to its staging file and archive whatever had
 * reached the disk when the playlist came, and Node dropped the rest when ffmpeg 5.1 closed the
 * connection (see `readBody`): segments cut at 64 KiB write boundaries (196,608 bytes seen) that
 * decoded as corrupted macroblocks.
 */
export class SegmentStaging {
  readonly events = new EventEmitter<StagingEvents>();
  private readonly receiving = new Map<string, number>();
  private readonly complete = new Set<string>();
  private uploadCount = 0;

  constructor(
    private readonly dir: string,
    private readonly log: (message: string) => void,
  ) {
    this.events.setMaxListeners(0);
  }

  static async clear(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
  }

  fileOf(session: string, rendition: string, file: string): string {
    return path.join(this.dir, session, rendition, file);
  }

  stateOf(session: string, rendition: string, file: string): StagedState {
    const key = this.fileOf(session, rendition, file);
    if (this.receiving.has(key)) return 'receiving';
    return this.complete.has(key) ? 'complete' : 'absent';
  }

  /**
   * Stages one upload once its body arrived whole; rejects with the body's error (nothing is
   * staged then). A second upload of the same segment replaces the first.
   */
  async receive(session: string, rendition: string, file: string, body: Promise<Buffer>): Promise<void> {
    const target = this.fileOf(session, rendition, file);
    this.uploadCount += 1;
    const partial = `${target}.part-${this.uploadCount}`;
    this.receiving.set(target, (this.receiving.get(target) ?? 0) + 1);
    try {
      const bytes = await body.catch((error: unknown) => {
        if (error instanceof IncompleteBodyError) this.log(`[mediapackage] ${session}/${rendition}/${file}: ${error.message}; not archived`);
        throw error;
      });
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside and renamed: the segment's name only ever holds a whole segment.
      await writeFile(partial, bytes);
      await rename(partial, target);
      this.complete.add(target);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    } finally {
      const left = (this.receiving.get(target) ?? 1) - 1;
      if (left > 0) this.receiving.set(target, left);
      else this.receiving.delete(target);
      this.events.emit('settled', rendition);
    }
  }

  /** The archive took the staged file (a rename): staging forgets it. */
  taken(session: string, rendition: string, file: string): void {
    this.complete.delete(this.fileOf(session, rendition, file));
  }

  /** Drops a staged copy nobody needs (a segment PUT again after it was archived). */
  async discard(session: string, rendition: string, file: string): Promise<void> {
    const target = this.fileOf(session, rendition, file);
    if (!this.complete.delete(target)) return;
    await unlink(target).catch(() => undefined);
  }

  /** Drops every session but `session`: segments an earlier encoder run PUT but never listed. */
  async keepOnly(session: string): Promise<void> {
    const keep = path.join(this.dir, session) + path.sep;
    for (const key of [...this.complete]) if (!key.startsWith(keep)) this.complete.delete(key);
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(entries.filter((name) => name !== session).map((name) => rm(path.join(this.dir, name), { recursive: true, force: true })));
  }
}
