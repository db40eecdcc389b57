// What an ffmpeg build can do, asked of the build itself: its version and the encoders, muxers,
// demuxers, filters and protocols the local home uses. Distribution builds differ (Debian's has
// libx264; some minimal builds have no libx264, no libfreetype or no network protocols), so a
// build is checked before the home relies on it, and the error names what is missing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The oldest ffmpeg the home is tested with: the npm-shipped static build. */
export const OLDEST_SUPPORTED_VERSION = '4.1';

/** What the encoder (live HLS over HTTP PUT) and the VOD packager (HLS and DASH remux) need. */
const REQUIRED = {
  encoders: ['libx264', 'aac'],
  muxers: ['hls', 'dash', 'mpegts'],
  demuxers: ['concat', 'mpegts'],
  filters: ['testsrc', 'sine', 'scale', 'split', 'setsar', 'fps'],
  outputProtocols: ['http', 'file'],
} as const;

export interface FfmpegCapabilities {
  /** `major.minor` when the build says it; undefined for git snapshots (`N-<n>-g<hash>`). */
  readonly version: string | undefined;
  /** drawtext needs libfreetype: without it the test pattern shows its frame counter instead of a clock. */
  readonly drawtext: boolean;
}

export class FfmpegUnusableError extends Error {
  override readonly name: string = 'FfmpegUnusableError';
  constructor(
    readonly path: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`ffmpeg at ${path} cannot be used: ${problems.join('; ')}`, options);
  }
}

/** Nothing runs at that path. */
export class FfmpegNotFoundError extends FfmpegUnusableError {
  override readonly name = 'FfmpegNotFoundError';
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

export function isNewer(a: string, b: string): boolean {
  return compareVersions(a, b) > 0;
}

async function list(path: string, what: string): Promise<string> {
  const { stdout } = await run(path, ['-hide_banner', what], { timeout: 10_000, maxBuffer: 8 * 1024 * 1024 });
  return stdout;
}

/** Names in a `-encoders`/`-muxers`/`-demuxers`/`-filters` listing: the word after the flags column. */
function namesIn(listing: string): Set<string> {
  const names = new Set<string>();
  for (const line of listing.split('\n')) {
    const match = /^\s*[A-Z.|]{1,6}\s+([\w,]+)\s/.exec(line);
    // Muxer lines can name several formats at once ("mov,mp4,m4a,...").
    if (match?.[1]) for (const name of match[1].split(',')) names.add(name);
  }
  return names;
}

/** Names under "Output:" in a `-protocols` listing. */
function outputProtocolsIn(listing: string): Set<string> {
  const output = listing.split(/^Output:\s*$/m)[1] ?? '';
  return new Set(output.split('\n').map((line) => line.trim()).filter(Boolean));
}

/**
 * Checks the build at `path`. Throws FfmpegUnusableError when it does not run, is older than
 * OLDEST_SUPPORTED_VERSION, or lacks a component the home uses.
 */
export async function probeFfmpeg(path: string): Promise<FfmpegCapabilities> {
  let versionText: string;
  try {
    versionText = await list(path, '-version');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FfmpegNotFoundError(path, ['no such program'], { cause: error });
    throw new FfmpegUnusableError(path, [`it does not run (${(error as Error).message})`], { cause: error });
  }
  if (!/^ffmpeg version /m.test(versionText)) throw new FfmpegUnusableError(path, ['it does not say it is ffmpeg (`-version`)']);
  const version = /^ffmpeg version n?(\d+\.\d+)/m.exec(versionText)?.[1];
  const problems: string[] = [];
  if (version && compareVersions(version, OLDEST_SUPPORTED_VERSION) < 0) problems.push(`version ${version} is older than ${OLDEST_SUPPORTED_VERSION}`);

  const [encoders, muxers, demuxers, filters, protocols] = await Promise.all(
    ['-encoders', '-muxers', '-demuxers', '-filters', '-protocols'].map((what) => list(path, what).catch(() => '')),
  );
  const missing = (kind: string, required: readonly string[], present: Set<string>) => {
    const absent = required.filter((name) => !present.has(name));
    if (absent.length > 0) problems.push(`no ${absent.join(', ')} ${kind}`);
  };
  const filterNames = namesIn(filters ?? '');
  missing('encoder', REQUIRED.encoders, namesIn(encoders ?? ''));
  missing('muxer', REQUIRED.muxers, namesIn(muxers ?? ''));
  missing('demuxer', REQUIRED.demuxers, namesIn(demuxers ?? ''));
  missing('filter', REQUIRED.filters, filterNames);
  missing('output protocol', REQUIRED.outputProtocols, outputProtocolsIn(protocols ?? ''));
  if (problems.length > 0) throw new FfmpegUnusableError(path, problems);
  return { version, drawtext: filterNames.has('drawtext') };
}
