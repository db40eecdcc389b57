// The ffmpeg runs packaging needs: stream copies only, never a re-encode.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PackagingError } from './output.ts';

const run = promisify(execFile);

/** Runs ffmpeg; a failure becomes a PackagingError carrying ffmpeg's own words. */
export async function ffmpeg(ffmpegPath: string, args: string[], configurationId: string, what: string, signal?: AbortSignal): Promise<void> {
  try {
    await run(ffmpegPath, ['-v', 'error', '-nostdin', '-y', ...args], { signal });
  } catch (error) {
    signal?.throwIfAborted();
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new PackagingError(configurationId, `ffmpeg could not ${what}: ${stderr || (error as Error).message}`, { cause: error });
  }
}
