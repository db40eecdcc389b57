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

/** Whether a media file has an audio stream (`ffmpeg -i` lists the streams, then exits 1 for want of an output). */
export async function hasAudio(ffmpegPath: string, file: string): Promise<boolean> {
  const probe = await run(ffmpegPath, ['-hide_banner', '-nostdin', '-i', file]).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
  return /Stream #\d+:\d+.*: Audio:/.test(probe.stderr);
}
