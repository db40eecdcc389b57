// The whole home killed with SIGKILL mid-flow and started again on the same data directory: a
// child process runs the `npm start` home (support/homeProcess.ts) in a process group of its own,
// so the kill takes its encoder and packager ffmpegs too, as a crashed machine would. Nothing is
// stopped cleanly: whatever the home had in memory (events on the bus, running handlers, the
// sweeper's work) is gone, and only what it had written survives.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalHomePorts } from '../../local/home/index.ts';
import { liveContent } from '../support/liveContent.ts';
import { SWEPT_TO_FINAL_MS } from './support/bounds.ts';
import type { HomeProcessReady } from './support/homeProcess.ts';
import { changesCursor, createClip, expectNothingLostStuckOrDoubled, type ApiAccess } from './support/outcomes.ts';

const HOME_PROCESS = fileURLToPath(new URL('./support/homeProcess.ts', import.meta.url));
const CLIP_SECONDS = 4;
const CLIPS = 6;

interface RunningHome {
  process: ChildProcess;
  ready: HomeProcessReady;
  api: ApiAccess;
}

let dataDir: string;
let running: RunningHome | undefined;

async function startHome(ports: LocalHomePorts = {}): Promise<RunningHome> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOME_PROCESS, dataDir, JSON.stringify(ports)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const ready = await new Promise<HomeProcessReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the home exited (${code}) before it served`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as HomeProcessReady));
  });
  child.removeAllListeners('exit');
  return { process: child, ready, api: { graphqlUrl: ready.graphqlUrl, apiKey: ready.apiKey } };
}

/** SIGKILL to the home's whole process group (its own pid): the home and every ffmpeg it ran. */
async function killHome(home: RunningHome): Promise<void> {
  const exited = new Promise((resolve) => home.process.once('exit', resolve));
  process.kill(-home.process.pid!, 'SIGKILL');
  await exited;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'home-killed-'));
});

afterAll(async () => {
  if (running) await killHome(running);
  await rm(dataDir, { recursive: true, force: true });
});

it('loses, sticks and doubles no clip across two kills mid-flow: every clip READY once, and playing', async () => {
  running = await startHome();
  const { ports } = running.ready;
  await liveContent(running.ready.playbackUrl, CLIP_SECONDS + 2);
  const competition = 'killed';
  const cursor = await changesCursor(running.api, competition);

  // Killed right after the clips were answered: their harvests in progress, their events to come.
  const clips = await Promise.all(Array.from({ length: CLIPS }, () => createClip(running!.api, competition, CLIP_SECONDS)));
  await killHome(running);
  running = undefined;

  // Started again, and killed again a few seconds in: some clips harvested, some packaging.
  running = await startHome(ports);
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await killHome(running);
  running = undefined;

  running = await startHome(ports);
  const startedAt = Date.now();
  expect(running.ready.ports).toEqual(ports);

  // Bound, from the last start: no event of before the kill survives, so each clip may need
  // everything the sweeper does for a clip nobody tells anything (SWEPT_TO_FINAL_MS).
  const settled = await expectNothingLostStuckOrDoubled(running.api, clips, { boundMs: SWEPT_TO_FINAL_MS, sinceMs: startedAt, cursor });

  // A FAILED clip shows its reason: a job lost with the home said 'The harvest job no longer exists'.
  expect(settled.map((clip) => clip.failureReason ?? clip.status)).toEqual(clips.map(() => 'READY'));
  // Three home starts (each some seconds), the live content to clip, and the bound.
}, 240_000);
