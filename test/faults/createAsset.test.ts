// MediaPackage-VOD throttling CreateAsset with a 429 (TooManyRequestsException), to the running
// local home: a throttle that passes is retried through (the SDK's backoff, then the event's
// retries) to READY; one that never passes ends the clip FAILED with the reason, once the
// sweeper's re-checks have failed too, instead of keeping it HARVESTING forever.
import '../functions/support/silentLogs.ts';
import { DescribeAssetCommand } from '@aws-sdk/client-mediapackage-vod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assetIdFor } from '../../functions/commons/clips.ts';
import { VodApiError } from '../../local/mediapackage-vod/api/errors.ts';
import type { ClipFlowHome } from '../functions/support/clipFlowHome.ts';
import { startFaultHome } from './support/faultHome.ts';
import { HARVEST_MS, PACKAGING_MS, SWEEP, SWEEP_FINDS_MS } from './support/bounds.ts';
import { changesCursor, createClip, expectNothingLostStuckOrDoubled, type ApiAccess } from './support/outcomes.ts';

const CLIP_SECONDS = 4;

/**
 * One CreateAsset as the packager makes it, refused every time: the SDK's 3 attempts with its
 * throttling backoff (up to 0.5 s x 2^retry: 1 s, then 2 s), and the DescribeAsset that checks
 * whether an earlier delivery made the asset.
 */
const CREATE_ASSET_CALL_MS = 3_500;
/** The event bus's attempts of packageClip (5, the home's policy) with their backoff (at most 0.5 s each here). */
const EVENT_ATTEMPTS_MS = 5 * (CREATE_ASSET_CALL_MS + 500);

let home: ClipFlowHome;
let api: ApiAccess;
/** CreateAsset calls answered so far, and how many more to throttle. */
const createAsset = { calls: 0, throttled: 0, throttleNext: 0 };

beforeAll(async () => {
  ({ home, api } = await startFaultHome(CLIP_SECONDS));
  home.vodFault.current = ({ method, path }) => {
    if (method !== 'POST' || path !== '/assets') return undefined;
    createAsset.calls += 1;
    if (createAsset.throttleNext <= 0) return undefined;
    createAsset.throttleNext -= 1;
    createAsset.throttled += 1;
    return new VodApiError('TooManyRequestsException', 'Rate exceeded');
  };
}, 120_000);

afterAll(async () => {
  await home?.stop();
});

it('retries a throttled CreateAsset until it passes: the clip is READY, once', async () => {
  // More refusals than the SDK's own 3 attempts: the event's retry has to come in too.
  createAsset.throttleNext = 4;
  const cursor = await changesCursor(api, 'throttled-once');
  const clip = await createClip(api, 'throttled-once', CLIP_SECONDS);
  const createdAt = Date.now();

  // Bound: the harvest, the refused calls of one delivery and the retried delivery, packaging.
  const BOUND_MS = HARVEST_MS + CREATE_ASSET_CALL_MS + 500 + PACKAGING_MS;
  const [settled] = await expectNothingLostStuckOrDoubled(api, [clip], { boundMs: BOUND_MS, sinceMs: createdAt, cursor });

  expect(settled!.status).toBe('READY');
  expect(createAsset.throttled).toBe(4);
  expect(createAsset.calls).toBeGreaterThan(4);
});

it('fails clips whose CreateAsset stays throttled, with the reason, and leaves no asset', async () => {
  createAsset.throttleNext = Number.POSITIVE_INFINITY;
  try {
    const cursor = await changesCursor(api, 'throttled-for-good');
    const clips = await Promise.all([1, 2].map(() => createClip(api, 'throttled-for-good', CLIP_SECONDS)));
    const createdAt = Date.now();

    // Bound: the harvest; every event attempt refused; meanwhile the sweeper finds the clip and
    // re-checks it (each re-check one refused call) until it gives up.
    const BOUND_MS = HARVEST_MS + EVENT_ATTEMPTS_MS + SWEEP_FINDS_MS + SWEEP.giveUpAfterFailedRechecks * (CREATE_ASSET_CALL_MS + SWEEP.intervalMs);
    const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: BOUND_MS, sinceMs: createdAt, cursor });

    for (const clip of settled) {
      expect(clip.status).toBe('FAILED');
      expect(clip.failureReason).toContain(`MediaPackage-VOD refused asset ${assetIdFor(clip)}: Rate exceeded`);
      expect(clip.failureReason).toContain(`gave up after ${SWEEP.giveUpAfterFailedRechecks} failed re-checks`);
      await expect(home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(clip) }))).rejects.toMatchObject({ name: 'NotFoundException' });
    }
  } finally {
    createAsset.throttleNext = 0;
  }
});
