// A harvest that FAILS on the running local home's MediaPackage v2 (through its harvest fault
// seam, as MediaPackage fails a job it cannot write): the clip is FAILED with MediaPackage's
// message, whether the job's event comes or only the sweeper finds the job failed.
import '../functions/support/quietLogs.ts';
import { DescribeAssetCommand } from '@aws-sdk/client-mediapackage-vod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assetIdFor } from '../../functions/commons/clips.ts';
import type { ClipFlowHome } from '../functions/support/clipFlowHome.ts';
import { startFaultHome } from './support/faultHome.ts';
import { HARVEST_MS, PACKAGING_MS, SWEEP_FINDS_MS } from './support/bounds.ts';
import { changesCursor, createClip, expectNothingLostStuckOrDoubled, type ApiAccess } from './support/outcomes.ts';

const CLIP_SECONDS = 4;
const MESSAGE = 'Failed to write to the S3 destination: Access Denied';
/** The job fails as it starts; its event and the handler's write follow within a second or two, given 5 on a loaded machine. */
const FAILED_JOB_MS = 5_000;

let home: ClipFlowHome;
let api: ApiAccess;

beforeAll(async () => {
  ({ home, api } = await startFaultHome(CLIP_SECONDS, {
    // Jobs of the competitions named `doomed*` fail; the destination path begins with the competition.
    harvestFault: (job) => (job.destinationPath.startsWith('doomed') ? MESSAGE : undefined),
  }));
}, 120_000);

afterAll(async () => {
  await home?.stop();
});

it("fails the clip with MediaPackage's message, and makes no asset", async () => {
  const cursor = await changesCursor(api, 'doomed');
  const clips = await Promise.all([1, 2].map(() => createClip(api, 'doomed', CLIP_SECONDS)));
  const createdAt = Date.now();

  const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: FAILED_JOB_MS, sinceMs: createdAt, cursor });

  for (const clip of settled) {
    expect(clip).toMatchObject({ status: 'FAILED', failureReason: `The harvest failed: ${MESSAGE}`, manifests: [] });
    await expect(home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(clip) }))).rejects.toMatchObject({ name: 'NotFoundException' });
  }
});

it("fails the clip when the failed job's event is lost, through the sweeper, with MediaPackage's message", async () => {
  home.delivery.harvestEvents = false;
  try {
    const cursor = await changesCursor(api, 'doomed-unheard');
    const clips = await Promise.all([1, 2].map(() => createClip(api, 'doomed-unheard', CLIP_SECONDS)));
    const createdAt = Date.now();

    // Bound: the job fails at once; the sweeper finds the clip HARVESTING.
    const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: FAILED_JOB_MS + SWEEP_FINDS_MS, sinceMs: createdAt, cursor });

    for (const clip of settled) expect(clip).toMatchObject({ status: 'FAILED', failureReason: `The harvest failed: ${MESSAGE}` });
  } finally {
    home.delivery.harvestEvents = true;
  }
});

it('harvests the other competitions meanwhile: a clip beside the failed ones is READY and plays', async () => {
  const cursor = await changesCursor(api, 'spared');
  const clip = await createClip(api, 'spared', CLIP_SECONDS);

  const [settled] = await expectNothingLostStuckOrDoubled(api, [clip], { boundMs: HARVEST_MS + PACKAGING_MS, sinceMs: Date.now(), cursor });

  expect(settled!.status).toBe('READY');
});
