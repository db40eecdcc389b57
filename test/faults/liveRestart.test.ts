// MediaPackage (v2, the default channel; v1 beside it) and the encoder stopped mid-harvest and
// started again on the same ports, while the rest of the home runs on: v2's jobs in progress
// persist on disk and resume, the encoder comes back under a new session, and the sweeper covers
// what the handlers could not reach meanwhile.
import '../functions/support/silentLogs.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClipFlowHome } from '../functions/support/clipFlowHome.ts';
import { HARVEST_MS, PACKAGING_MS, SWEEP, SWEEP_FINDS_MS } from './support/bounds.ts';
import { startFaultHome } from './support/faultHome.ts';
import { changesCursor, createClip, expectNothingLostStuckOrDoubled, type ApiAccess } from './support/outcomes.ts';

const CLIP_SECONDS = 4;
/** Longer than a segment, shorter than the origin's ingest grace: the harvested range has a hole, not an end. */
const DOWN_MS = 3_000;

let home: ClipFlowHome;
let api: ApiAccess;

beforeAll(async () => {
  ({ home, api } = await startFaultHome(CLIP_SECONDS));
}, 120_000);

afterAll(async () => {
  await home?.stop();
});

it('stopped mid-harvest and started again: every clip settles once, and READY ones play', async () => {
  const competition = 'origin-restarted';
  const cursor = await changesCursor(api, competition);
  // 8 s ranges that end in the next seconds (starting in the past, as a harvest must): their jobs
  // are in progress when the origin stops.
  const clips = await Promise.all([2_000, 4_000, 6_000].map((ahead) => createClip(api, competition, 8, ahead)));
  expect(clips.map((clip) => clip.status)).toEqual(clips.map(() => 'HARVESTING'));

  await home.local.restartLive(() => new Promise((resolve) => setTimeout(resolve, DOWN_MS)));
  const restartedAt = Date.now();

  // Bound, from the restart: a resumed job waits for its end to stream (the encoder's first
  // segments) at most the origin's ingest grace; a sweep may have to find it (its event was sent,
  // but a sweep that failed against the stopped origin changes nothing); packaging; and the
  // sweeper's give-up bound should every re-check fail.
  const BOUND_MS = HARVEST_MS + SWEEP_FINDS_MS + PACKAGING_MS + SWEEP.giveUpAfterFailedRechecks * SWEEP.intervalMs;
  const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: BOUND_MS, sinceMs: restartedAt, cursor });

  // The origin's archive kept what was streamed before the stop, and the jobs resumed: the
  // clips harvest, with the hole the stop left inside their range.
  expect(settled.map((clip) => clip.status)).toEqual(clips.map(() => 'READY'));
});

it('takes new clips after the restart, from the encoder streaming again', async () => {
  const competition = 'after-restart';
  const cursor = await changesCursor(api, competition);
  const clip = await createClip(api, competition, CLIP_SECONDS);

  const [settled] = await expectNothingLostStuckOrDoubled(api, [clip], { boundMs: HARVEST_MS + PACKAGING_MS, sinceMs: Date.now(), cursor });

  expect(settled!.status).toBe('READY');
});
