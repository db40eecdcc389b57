// MediaPackage-VOD's quota of assets per packaging group (10,000 by default), at a limit of 2 in
// the real local service: a clip packaged beyond it fails with a reason that says what frees room,
// instead of retrying forever, and once a clip is deleted the next one is READY again.
import './support/quietLogs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteClipDocument } from '../../generated/operations/graphql.ts';
import { clipFixtures, harvestEvent, type ClipFixtures } from './support/clipFixtures.ts';
import { startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';
import { until } from './support/until.ts';

const QUOTA = 2;
let home: ClipFlowHome;
let fixtures: ClipFixtures;

beforeAll(async () => {
  home = await startClipFlowHome({ vodAssetQuota: QUOTA });
  fixtures = clipFixtures(home);
});

afterAll(async () => {
  fixtures?.destroy();
  await home?.stop();
});

describe('the packaging group at its asset quota', () => {
  it('fails the clip beyond it with what to do, and packages again once a clip is deleted', async () => {
    const kept = [await fixtures.readyClip('quota'), await fixtures.readyClip('quota')];
    const watch = await home.watch('quota');

    const refused = await fixtures.harvestingClip('quota');
    await home.handlers().packageClip(harvestEvent(refused, 'SUCCEEDED'));

    const failed = await home.store.get(refused);
    expect(failed).toMatchObject({ status: 'FAILED', manifests: [] });
    expect(failed?.failureReason).toMatch(/packaging group \S+ holds as many assets as its quota allows .*delete clips, shorten the retention/);
    expect(failed?.inFlightStatus).toBeUndefined();
    const pushes = await watch.settle();
    expect(pushes.map((push) => [push.clipId, push.status])).toEqual([[refused.clipId, 'FAILED']]);
    watch.subscriber.close();

    const deleted = await home.app(DeleteClipDocument, { competition: 'quota', clipId: kept[0]!.clipId });
    expect(deleted.errors).toBeUndefined();
    await until(() => home.store.get(kept[0]!), (stored) => stored?.inFlightStatus === undefined);

    const next = await fixtures.readyClip('quota');
    expect(await home.store.get(next)).toMatchObject({ status: 'READY' });
  });
});
