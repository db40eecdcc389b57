// A benchmark's home, in a process of its own, as `npm start` runs it: its memory (with its
// encoder's, a child process) is the home's alone, and its event loop carries none of the
// measuring client's work. `npm start`'s home with its default channel and encoder, in a temporary
// directory or the one given. Options come as JSON in argv[2] (HomeChildOptions). Answers
// `{ type: 'ready', ... }` with where its API is; forwards its trace spans as `{ type: 'span' }`
// when asked; answers `logTail` with its last log lines (for a benchmark that failed); stops on `stop`.
import './quietHandlers.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSpanSink, type SpanRecord } from '../../functions/commons/tracer.ts';
import { startLocalHome, type LocalHomeOptions } from '../../local/home/index.ts';

export interface HomeChildOptions {
  /** The home's data directory, prepared by the parent (kept); else a temporary one (removed). */
  dataDir?: string;
  home?: Pick<LocalHomeOptions, 'sweepIntervalMs' | 'createClipRate' | 'startoverWindowSeconds'>;
  /** Send every span the home records to the parent. */
  forwardSpans?: boolean;
}

export interface HomeReady {
  type: 'ready';
  graphqlUrl: string;
  realtimeUrl: string;
  apiKey: string;
  region: string;
  iam: { accessKeyId: string; secretAccessKey: string };
}

export interface HomeSpan {
  type: 'span';
  span: SpanRecord;
}

export interface HomeLogTail {
  type: 'logTail';
  lines: string[];
}

const LOG_TAIL_LINES = 40;

const options = JSON.parse(process.argv[2] ?? '{}') as HomeChildOptions;
const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'clips-bench-home-')));
const removeDataDir = () => (options.dataDir === undefined ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
const logTail: string[] = [];
const log = (line: string): void => {
  logTail.push(line);
  if (logTail.length > LOG_TAIL_LINES) logTail.shift();
};
try {
  if (options.forwardSpans) addSpanSink((span) => process.send?.({ type: 'span', span } satisfies HomeSpan));
  const home = await startLocalHome({ dataDir, ...options.home, log });
  const { api } = home;
  const ready: HomeReady = {
    type: 'ready',
    graphqlUrl: api.graphqlUrl,
    realtimeUrl: api.realtimeUrl,
    apiKey: api.credentials.apiKey.id,
    region: api.region,
    iam: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
  };
  process.send?.(ready);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'logTail') process.send?.({ type: 'logTail', lines: logTail } satisfies HomeLogTail);
    if (message.type !== 'stop') return;
    void home
      .stop()
      .then(removeDataDir)
      .finally(() => process.exit(0));
  });
} catch (error) {
  process.send?.({ type: 'failed', message: `${(error as Error).stack ?? String(error)}\nhome log tail:\n${logTail.join('\n')}` });
  await removeDataDir();
  process.exit(1);
}
