// Decodes media completely with the ffmpeg the home would run (FFMPEG_PATH in CI's second pass):
// a real decoder, not a check of headers. Warnings count: a damaged segment often decodes with
// only "corrupted macroblock" or "Input buffer exhausted" at warning level, which `-v error`
// hides. The npm build ships no ffprobe, so ffmpeg decodes to the null muxer.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findFfmpeg } from '../../local/ffmpeg/index.ts';

const run = promisify(execFile);

/** Everything ffmpeg says while decoding `input` (a file or URL), trimmed: empty when it decoded clean. */
export async function decodeProblems(input: string): Promise<string> {
  const { path } = await findFfmpeg();
  const { stderr } = await run(path, ['-nostdin', '-v', 'warning', '-i', input, '-f', 'null', '-'], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  return stderr.trim();
}
