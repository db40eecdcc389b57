import { EventEmitter } from 'node:events';
import { appendFile, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The origin's own archive of one channel: immutable segment files per rendition plus an
 * append-only index, kept for the startover window and reloaded after a restart.
 *
 *   <dir>/<rendition>/<seq>.ts        segment bytes, never rewritten (harvests hard-link them)
 *   <dir>/<rendition>/index.jsonl     one ArchivedSegment per line
 *   <dir>/variants.json               the encoder's multivariant info (bandwidth, resolution, codecs)
 */

export interface ArchivedSegment {
  /** The origin's media sequence number, per rendition, increasing across encoder restarts. */
  seq: number;
  /** Program date time of the segment's first sample, epoch ms, from the origin's own timeline. */
  startMs: number;
  durationMs: number;
  /** The encoder run the segment came from; a new session starts with a discontinuity. */
  session: string;
  /** The session's time origin: startMs = anchorMs + durations of the session's earlier segments. */
  anchorMs: number;
  /** The encoder's own media sequence number, to skip segments already archived. */
  ingestMsn: number;
  /** Count of discontinuities up to and including this segment (EXT-X-DISCONTINUITY-SEQUENCE). */
  discontinuitySeq: number;
  discontinuity: boolean;
}

export interface VariantInfo {
  rendition: string;
  bandwidth: number;
  resolution?: string;
  codecs?: string;
}

export const endOf = (segment: ArchivedSegment): number => segment.startMs + segment.durationMs;

export class RenditionArchive {
  readonly segments: ArchivedSegment[] = [];
  private readonly events = new EventEmitter();
  // Appends and index rewrites (pruning) touch the same file: one after another, or a line
  // appended while the pruned index is being written would be lost.
  private indexWrites: Promise<unknown> = Promise.resolve();
  // Numbering continues after pruning empties the window: a player never sees a sequence go back.
  private lastAppended: ArchivedSegment | undefined;

  constructor(
    readonly id: string,
    readonly dir: string,
  ) {
    this.events.setMaxListeners(0);
  }

  private serially<T>(write: () => Promise<T>): Promise<T> {
    const next = this.indexWrites.then(write, write);
    this.indexWrites = next.catch(() => undefined);
    return next;
  }

  fileOf(segment: ArchivedSegment): string {
    return path.join(this.dir, `${segment.seq}.ts`);
  }

  last(): ArchivedSegment | undefined {
    return this.segments[this.segments.length - 1];
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir, 'index.jsonl'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const line of text.split('\n')) {
      // A crash mid-append leaves at most one torn last line: skip it.
      if (!line.trim()) continue;
      try {
        this.segments.push(JSON.parse(line) as ArchivedSegment);
      } catch {
        continue;
      }
    }
  }

  /** Moves `sourceFile` into the archive as the next segment (same file system: a rename). */
  append(sourceFile: string, segment: Omit<ArchivedSegment, 'seq' | 'discontinuitySeq'>): Promise<ArchivedSegment> {
    return this.serially(async () => {
      const previous = this.lastAppended ?? this.last();
      const record: ArchivedSegment = {
        ...segment,
        seq: previous ? previous.seq + 1 : 0,
        discontinuitySeq: (previous?.discontinuitySeq ?? 0) + (segment.discontinuity ? 1 : 0),
      };
      await mkdir(this.dir, { recursive: true });
      await rename(sourceFile, this.fileOf(record));
      await appendFile(path.join(this.dir, 'index.jsonl'), `${JSON.stringify(record)}\n`);
      // Listed only once its file and index line exist: whoever sees it can read it.
      this.segments.push(record);
      this.lastAppended = record;
      this.events.emit('segment', record);
      return record;
    });
  }

  /** Segments that overlap [startMs, endMs): a boundary inside a segment takes the whole segment. */
  range(startMs: number, endMs: number): ArchivedSegment[] {
    return this.segments.filter((segment) => segment.startMs < endMs && endOf(segment) > startMs);
  }

  bySeq(seq: number): ArchivedSegment | undefined {
    const first = this.segments[0];
    if (!first) return undefined;
    const candidate = this.segments[seq - first.seq];
    return candidate?.seq === seq ? candidate : this.segments.find((segment) => segment.seq === seq);
  }

  /**
   * Resolves true once the archive holds content up to `endMs`; false if none arrived by
   * `deadlineMs` (epoch ms: the encoder stopped or fell behind) or the wait was aborted.
   */
  waitForEnd(endMs: number, deadlineMs: number, signal?: AbortSignal): Promise<boolean> {
    const holds = () => {
      const last = this.last();
      return last !== undefined && endOf(last) >= endMs;
    };
    if (holds() || signal?.aborted) return Promise.resolve(holds());
    return new Promise((resolve) => {
      const onSegment = () => {
        if (holds()) finish(true);
      };
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(holds()), Math.max(0, deadlineMs - Date.now()));
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.events.off('segment', onSegment);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      this.events.on('segment', onSegment);
      signal?.addEventListener('abort', onAbort);
    });
  }

  /** Drops segments that ended before `beforeMs`; files already hard-linked elsewhere live on. */
  prune(beforeMs: number): Promise<number> {
    return this.serially(async () => {
      let count = 0;
      for (const segment of this.segments) {
        if (endOf(segment) >= beforeMs) break;
        count += 1;
      }
      if (count === 0) return 0;
      const removed = this.segments.splice(0, count);
      const indexFile = path.join(this.dir, 'index.jsonl');
      const tmp = `${indexFile}.tmp`;
      await writeFile(tmp, this.segments.map((segment) => `${JSON.stringify(segment)}\n`).join(''));
      await rename(tmp, indexFile);
      await Promise.all(removed.map((segment) => unlink(this.fileOf(segment)).catch(() => undefined)));
      return count;
    });
  }
}

export class ChannelArchive {
  readonly renditions = new Map<string, RenditionArchive>();
  variants: VariantInfo[] = [];

  constructor(readonly dir: string) {}

  /** Loads every rendition's index found under the channel's directory. */
  static async open(dir: string): Promise<ChannelArchive> {
    const archive = new ChannelArchive(dir);
    await mkdir(dir, { recursive: true });
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const rendition = new RenditionArchive(entry.name, path.join(dir, entry.name));
      await rendition.load();
      archive.renditions.set(entry.name, rendition);
    }
    try {
      archive.variants = JSON.parse(await readFile(path.join(dir, 'variants.json'), 'utf8')) as VariantInfo[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return archive;
  }

  rendition(id: string): RenditionArchive {
    let rendition = this.renditions.get(id);
    if (!rendition) {
      rendition = new RenditionArchive(id, path.join(this.dir, id));
      this.renditions.set(id, rendition);
    }
    return rendition;
  }

  /** Renditions in the encoder's order (its variant index), which is also the output numbering. */
  orderedRenditions(): RenditionArchive[] {
    return [...this.renditions.values()]
      .filter((rendition) => rendition.segments.length > 0)
      .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  }

  async setVariants(variants: VariantInfo[]): Promise<void> {
    this.variants = variants;
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, 'variants.json');
    await writeFile(`${file}.tmp`, JSON.stringify(variants));
    await rename(`${file}.tmp`, file);
  }

  /** The earliest instant every rendition holds: content before it cannot be harvested. */
  earliestMs(): number | undefined {
    const firsts = this.orderedRenditions().map((rendition) => rendition.segments[0]?.startMs ?? Infinity);
    return firsts.length ? Math.max(...firsts) : undefined;
  }

  /** Where the live stream is: the end of the last segment every rendition holds. */
  liveEdgeMs(): number | undefined {
    const lasts = this.orderedRenditions().map((rendition) => {
      const last = rendition.last();
      return last ? endOf(last) : -Infinity;
    });
    return lasts.length ? Math.min(...lasts) : undefined;
  }

  /** The latest end of any segment, across sessions: a new session never starts before it. */
  latestEndMs(): number | undefined {
    const ends = [...this.renditions.values()].map((rendition) => {
      const last = rendition.last();
      return last ? endOf(last) : -Infinity;
    });
    const latest = Math.max(-Infinity, ...ends);
    return Number.isFinite(latest) ? latest : undefined;
  }

  async prune(beforeMs: number): Promise<void> {
    for (const rendition of this.renditions.values()) await rendition.prune(beforeMs);
  }
}
