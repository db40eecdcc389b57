// Which ffmpeg the local home runs. A build the user names (`npm start -- --ffmpeg PATH` or
// FFMPEG_PATH) is used or refused, never swapped for another behind their back. Otherwise a
// system ffmpeg newer than the npm one wins (it writes millisecond program date times), as long as
// it has what the home needs; else the npm-shipped build, so `npm install` alone is enough.
import { createRequire } from 'node:module';
import { FfmpegNotFoundError, FfmpegUnusableError, isNewer, OLDEST_SUPPORTED_VERSION, probeFfmpeg, type FfmpegCapabilities } from './probe.ts';

const NPM_PACKAGE = '@ffmpeg-installer/ffmpeg';

export type FfmpegOrigin = '--ffmpeg' | 'FFMPEG_PATH' | 'PATH' | typeof NPM_PACKAGE;

export interface FfmpegBinary extends FfmpegCapabilities {
  readonly path: string;
  readonly origin: FfmpegOrigin;
  /** Why a system ffmpeg on PATH was passed over, when one was. */
  readonly passedOver?: string;
}

export interface FindFfmpegOptions {
  /** A build the caller names (a command-line flag): used as given or refused. */
  readonly path?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

function npmBinary(passedOver: string | undefined): string {
  try {
    return (createRequire(import.meta.url)(NPM_PACKAGE) as { path: string }).path;
  } catch (error) {
    const problems = [`${NPM_PACKAGE} has no build for this platform or is not installed (run npm install)`];
    if (passedOver) problems.push(passedOver);
    problems.push('install ffmpeg (Debian: apt-get install ffmpeg) or name one with --ffmpeg PATH or FFMPEG_PATH');
    throw new FfmpegNotFoundError(NPM_PACKAGE, problems, { cause: error });
  }
}

/** The advice an error about a named build ends with. */
const CHOICES = `name another build with --ffmpeg PATH or FFMPEG_PATH, or leave both unset to use the npm-shipped ffmpeg ${OLDEST_SUPPORTED_VERSION}`;

async function named(path: string, origin: '--ffmpeg' | 'FFMPEG_PATH'): Promise<FfmpegBinary> {
  try {
    return { path, origin, ...(await probeFfmpeg(path)) };
  } catch (error) {
    if (error instanceof FfmpegUnusableError) {
      throw new FfmpegUnusableError(path, [...error.problems, `it was named by ${origin}: ${CHOICES}`], { cause: error });
    }
    throw error;
  }
}

async function chosen(options: FindFfmpegOptions): Promise<FfmpegBinary> {
  if (options.path) return named(options.path, '--ffmpeg');
  const fromEnv = (options.env ?? process.env).FFMPEG_PATH;
  if (fromEnv) return named(fromEnv, 'FFMPEG_PATH');

  let passedOver: string | undefined;
  try {
    const system = await probeFfmpeg('ffmpeg');
    if (!system.version || isNewer(system.version, OLDEST_SUPPORTED_VERSION)) return { path: 'ffmpeg', origin: 'PATH', ...system };
    passedOver = `ffmpeg on PATH is ${system.version}, not newer than the npm one`;
  } catch (error) {
    if (!(error instanceof FfmpegUnusableError)) throw error;
    // No ffmpeg on PATH at all is the common case, not worth a word.
    if (!(error instanceof FfmpegNotFoundError)) passedOver = error.message;
  }
  const path = npmBinary(passedOver);
  const npm = await probeFfmpeg(path);
  // The package pins a 2018 static git build (`N-47683-g...`) of the 4.1 release line.
  return { path, origin: NPM_PACKAGE, ...npm, version: npm.version ?? OLDEST_SUPPORTED_VERSION, ...(passedOver ? { passedOver } : {}) };
}

const found = new Map<string, Promise<FfmpegBinary>>();

/** The ffmpeg to run, probed once per choice for the life of the process. */
export function findFfmpeg(options: FindFfmpegOptions = {}): Promise<FfmpegBinary> {
  const key = `${options.path ?? ''}\u0000${(options.env ?? process.env).FFMPEG_PATH ?? ''}`;
  let binary = found.get(key);
  if (!binary) {
    binary = chosen(options);
    // A failed probe is not remembered: the user may install or fix the build and try again.
    binary.catch(() => found.delete(key));
    found.set(key, binary);
  }
  return binary;
}
