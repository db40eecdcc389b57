import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { DEFAULT_RENDITIONS, encoderArgs, type Rendition } from './args.ts';
import { findFfmpeg, type FfmpegBinary } from '../ffmpeg/index.ts';

const run = promisify(execFile);

export interface EncoderOptions {
  /** The origin's ingest URL for one channel; each run PUTs under `${ingestUrl}/<session>/`. */
  ingestUrl: string;
  /** 'testsrc' (default): test pattern with a running clock and a tone; or a media file to loop. */
  source?: 'testsrc' | string;
  renditions?: readonly Rendition[];
  segmentSeconds?: number;
  frameRate?: number;
  /** Restart backoff after an unexpected exit: doubles from `restartDelayMs` up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** @default findFfmpeg(): FFMPEG_PATH, else a newer system ffmpeg, else the npm one */
  ffmpeg?: FfmpegBinary;
  log?: (message: string) => void;
}

export interface Encoder {
  ingestUrl: string;
  ffmpegPath: string;
  /** The running ffmpeg's pid, if one is running. */
  pid(): number | undefined;
  /** How many times ffmpeg was restarted after dying. */
  restarts(): number;
  stop(): Promise<void>;
}

// A run that lasted this long was healthy: the next failure starts the backoff from scratch.
const HEALTHY_RUN_MS = 30_000;

async function fileHasAudio(ffmpegPath: string, file: string): Promise<boolean> {
  // No ffprobe beside the npm ffmpeg: `ffmpeg -i` prints the streams on stderr and exits 1.
  const output = await run(ffmpegPath, ['-hide_banner', '-i', file]).then(
    ({ stderr }) => stderr,
    (error: { stderr?: string }) => error.stderr ?? '',
  );
  if (!/Stream #.*Video:/.test(output)) throw new Error(`encoder source ${file} has no video stream`);
  return /Stream #.*Audio:/.test(output);
}

/**
 * A live encoder as MediaLive is to MediaPackage: ffmpeg encodes ABR HLS and PUTs segments and
 * playlists to the origin's ingest URL. If ffmpeg dies it is started again after a backoff, under
 * a new session path, which the origin shows as a discontinuity.
 */
export async function startEncoder({
  ingestUrl,
  source = 'testsrc',
  renditions = DEFAULT_RENDITIONS,
  segmentSeconds = 2,
  frameRate = 25,
  restartDelayMs = 1_000,
  maxRestartDelayMs = 30_000,
  ffmpeg,
  log = (message) => console.log(message),
}: EncoderOptions): Promise<Encoder> {
  const { path: binary, drawtext } = ffmpeg ?? (await findFfmpeg());
  const input = source === 'testsrc' ? 'testsrc' : { file: source, hasAudio: await fileHasAudio(binary, source) };
  const base = ingestUrl.replace(/\/+$/, '');

  let child: ChildProcess | undefined;
  let stopping = false;
  let restartCount = 0;
  let delay = restartDelayMs;
  let restartTimer: NodeJS.Timeout | undefined;
  let exited: Promise<void> = Promise.resolve();

  function launch(): void {
    const session = `s${Date.now()}`;
    const args = encoderArgs({ source: input, drawtext, renditions, segmentSeconds, frameRate, sessionUrl: `${base}/${session}` });
    const startedAt = Date.now();
    const proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    log(`[encoder] ffmpeg ${proc.pid} pushing ${renditions.length} renditions to ${base}/${session}`);
    let stderrTail = '';
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2_000);
    });
    exited = new Promise<void>((resolve) => {
      proc.on('error', (error) => {
        log(`[encoder] cannot run ${binary}: ${error.message}`);
      });
      proc.on('close', (code, signal) => {
        resolve();
        if (child === proc) child = undefined;
        if (stopping) return;
        if (Date.now() - startedAt > HEALTHY_RUN_MS) delay = restartDelayMs;
        const reason = signal ? `signal ${signal}` : `exit code ${code}`;
        log(`[encoder] ffmpeg ${proc.pid} died (${reason}): ${stderrTail.trim().split('\n').slice(-3).join(' | ')}; restarting in ${delay} ms`);
        restartTimer = setTimeout(() => {
          restartTimer = undefined;
          restartCount += 1;
          launch();
        }, delay);
        delay = Math.min(maxRestartDelayMs, delay * 2);
      });
    });
  }

  launch();

  return {
    ingestUrl: base,
    ffmpegPath: binary,
    pid: () => child?.pid,
    restarts: () => restartCount,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const proc = child;
      if (!proc) return;
      // SIGINT lets ffmpeg finish its last segment and playlist; SIGKILL if it does not.
      proc.kill('SIGINT');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
