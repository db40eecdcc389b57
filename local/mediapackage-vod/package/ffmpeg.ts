// The ffmpeg runs packaging needs: stream copies only, never a re-encode.
import { execFile } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { promisify } from 'node:util';
import { PackagingError } from './output.ts';

const run = promisify(execFile);

/**
 * Packaging is background work: on AWS it runs on MediaPackage's own machines, here it shares the
 * home's cores with the API and the handlers that turn a playable clip READY and push it. Below
 * normal priority, the remux takes what they leave (the live encoder keeps normal priority).
 */
const PACKAGING_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

/** Runs ffmpeg; a failure becomes a PackagingError carrying ffmpeg's own words. */
export async function ffmpeg(ffmpegPath: string, args: string[], configurationId: string, what: string, signal?: AbortSignal): Promise<void> {
  const running = run(ffmpegPath, ['-v', 'error', '-nostdin', '-y', ...args], { signal });
  const { pid } = running.child;
  if (pid !== undefined) {
    try {
      setPriority(pid, PACKAGING_PRIORITY);
    } catch {
      // Gone already, or the system refuses: it then runs at normal priority, only slower to yield.
    }
  }
  try {
    await running;
  } catch (error) {
    signal?.throwIfAborted();
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new PackagingError(configurationId, `ffmpeg could not ${what}: ${stderr || (error as Error).message}`, { cause: error });
  }
}
