import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FfmpegBinary {
  path: string;
  /** `major.minor` when the build says it, else undefined (static git builds say `N-<n>-g<hash>`). */
  version: string | undefined;
  origin: 'PATH' | '@ffmpeg-installer/ffmpeg';
}

export class FfmpegNotFoundError extends Error {
  override readonly name = 'FfmpegNotFoundError';
  constructor(options?: { cause?: unknown }) {
    super('no ffmpeg: neither on PATH nor from @ffmpeg-installer/ffmpeg (run npm install)', options);
  }
}

// The npm package pins a 2018 static build: ffmpeg 4.1.
const NPM_FFMPEG_VERSION = '4.1';

async function versionOf(binary: string): Promise<string | undefined | null> {
  try {
    const { stdout } = await run(binary, ['-hide_banner', '-version'], { timeout: 10_000 });
    return /ffmpeg version n?(\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return null;
  }
}

function newer(a: string, b: string): boolean {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor > bMajor : aMinor > bMinor;
}

let cached: Promise<FfmpegBinary> | undefined;

/**
 * A system ffmpeg newer than the npm one wins: it writes millisecond program date times and
 * ships ffprobe. Otherwise the npm binary, so `npm install` alone is enough.
 */
export function findFfmpeg(): Promise<FfmpegBinary> {
  cached ??= (async () => {
    const systemVersion = await versionOf('ffmpeg');
    if (systemVersion && newer(systemVersion, NPM_FFMPEG_VERSION)) {
      return { path: 'ffmpeg', version: systemVersion, origin: 'PATH' as const };
    }
    try {
      const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
      return { path: installer.path, version: NPM_FFMPEG_VERSION, origin: '@ffmpeg-installer/ffmpeg' as const };
    } catch (error) {
      if (systemVersion !== null) return { path: 'ffmpeg', version: systemVersion, origin: 'PATH' as const };
      throw new FfmpegNotFoundError({ cause: error });
    }
  })();
  return cached;
}
