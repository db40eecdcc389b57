// The event handlers against the real local services: packageClip gets MediaPackage's
// harvest-job events (made here as MediaPackage sends them, for clips stored as the createClip
// pipeline leaves them), creates real assets on the local MediaPackage-VOD, whose own events
// reach clipPlayable over the bus; every change reaches subscribers through the local API.
import './support/quietLogs.ts';
import { CreateAssetCommand, DescribeAssetCommand, NotFoundException } from '@aws-sdk/client-mediapackage-vod';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetIdFor, manifestKeyFor } from '../../functions/commons/clips.ts';
import type { StoredClip } from '../../functions/commons/clipStore.ts';
import type { InputNotificationEvent } from '../../contracts/events.ts';
import { ClipDocument, OnClipReadyDocument, type OnClipReadySubscription } from '../../generated/operations/graphql.ts';
import { subscribe } from '../../local/client/realtimeSubscriber.ts';
import type { Handlers } from '../../local/home/handlers.ts';
import { PACKAGING_GROUP_ID } from '../../contracts/packaging.ts';
import { clipFixtures, harvestEvent, type ClipFixtures } from './support/clipFixtures.ts';
import {
  BUCKET,
  DASH_CONFIGURATION,
  HLS_CONFIGURATION,
  startClipFlowHome,
  VOD_SOURCE_ROLE_ARN,
  type ClipFlowHome,
} from './support/clipFlowHome.ts';

let home: ClipFlowHome;
let fixtures: ClipFixtures;

beforeAll(async () => {
  home = await startClipFlowHome();
  fixtures = clipFixtures(home);
});

// The same handlers the bus delivers to, called as EventBridge would with a redelivered event.
const packageClip: Handlers['packageClip'] = (event) => home.handlers().packageClip(event);
const clipPlayable: Handlers['clipPlayable'] = (event) => home.handlers().clipPlayable(event);

afterAll(async () => {
  fixtures?.destroy();
  await home?.stop();
});

async function storedClip(clip: StoredClip) {
  return (await home.app(ClipDocument, { competition: clip.competition, clipId: clip.clipId })).data?.clip;
}

/** Waits for the clip's asset events to have been handled (every configuration done or failed). */
async function assetEventsHandled(clip: StoredClip, kinds: number): Promise<InputNotificationEvent[]> {
  const mine = () =>
    home.vodEvents.filter(
      (event) => event.resources[0]?.endsWith(`/${assetIdFor(clip)}`) && ['VodAssetPlayable', 'IngestError'].includes(event.detail.event),
    );
  while (mine().length < kinds) await new Promise((resolve) => setTimeout(resolve, 50));
  await home.bus.idle();
  return mine();
}

describe('a harvested clip', () => {
  it('goes PACKAGING then READY with its manifests, and onClipReady pushes it exactly once', async () => {
    const watch = await home.watch('final');
    const ready = await subscribe<OnClipReadySubscription>({
      realtimeUrl: home.api.realtimeUrl,
      graphqlUrl: home.api.graphqlUrl,
      apiKey: home.api.credentials.apiKey.id,
      query: print(OnClipReadyDocument),
      variables: { competition: 'final' },
    });
    const clip = await fixtures.harvestingClip('final');

    await packageClip(harvestEvent(clip, 'SUCCEEDED'));
    const [pushed] = await ready.waitFor(1, 30_000);
    await assetEventsHandled(clip, 2);

    const asset = await home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(clip) }));
    expect(asset.SourceArn).toBe(`arn:aws:s3:::${BUCKET}/${manifestKeyFor(clip)}`);
    const hlsUrl = asset.EgressEndpoints?.find((endpoint) => endpoint.PackagingConfigurationId === HLS_CONFIGURATION)?.Url;
    const dashUrl = asset.EgressEndpoints?.find((endpoint) => endpoint.PackagingConfigurationId === DASH_CONFIGURATION)?.Url;
    expect(pushed!.onClipReady).toMatchObject({ clipId: clip.clipId, status: 'READY', title: clip.title });
    expect(pushed!.onClipReady!.manifests).toContainEqual({ format: 'HLS', url: hlsUrl });
    const playlist = await fetch(hlsUrl!);
    expect(playlist.status).toBe(200);
    expect(await playlist.text()).toContain('#EXTM3U');

    // DASH plays too: stored beside HLS, without a second push.
    expect((await storedClip(clip))?.manifests).toEqual(
      expect.arrayContaining([
        { format: 'HLS', url: hlsUrl },
        { format: 'DASH', url: dashUrl },
      ]),
    );
    const updates = await watch.settle();
    expect(updates.map((update) => update.status)).toEqual(['PACKAGING', 'READY']);
    expect(ready.received).toHaveLength(1);
    ready.close();
    watch.subscriber.close();
  });

  it('is pushed FAILED with MediaPackage message when its harvest failed, and no asset is made', async () => {
    const watch = await home.watch('failed-harvest');
    const clip = await fixtures.harvestingClip('failed-harvest', { harvested: false });

    await packageClip(harvestEvent(clip, 'FAILED', 'The requested time range is not available in the startover window'));

    const updates = await watch.settle();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      clipId: clip.clipId,
      status: 'FAILED',
      failureReason: 'The harvest failed: The requested time range is not available in the startover window',
    });
    expect(await storedClip(clip)).toEqual(updates[0]);
    await expect(home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(clip) }))).rejects.toBeInstanceOf(NotFoundException);
    watch.subscriber.close();
  });

  it('is pushed FAILED when MediaPackage-VOD cannot ingest it (IngestError)', async () => {
    const watch = await home.watch('ingest-error');
    // No harvested files at the manifest key: the asset is created, its ingest fails.
    const clip = await fixtures.harvestingClip('ingest-error', { harvested: false });

    await packageClip(harvestEvent(clip, 'SUCCEEDED'));
    const [ingestError] = await assetEventsHandled(clip, 1);

    const updates = await watch.settle();
    expect(updates.map((update) => update.status)).toEqual(['PACKAGING', 'FAILED']);
    expect(updates[1]!.failureReason).toBe(`Packaging failed: ${ingestError!.detail.message}`);
    expect(updates[1]!.manifests).toEqual([]);
    watch.subscriber.close();
  });
});

describe('events delivered more than once or out of order', () => {
  it('change the clip once and publish once per change', async () => {
    const watch = await home.watch('twice');
    const clip = await fixtures.harvestingClip('twice');
    const succeeded = harvestEvent(clip, 'SUCCEEDED');

    await Promise.all([packageClip(succeeded), packageClip(succeeded)]);
    await packageClip(succeeded);
    const handled = await assetEventsHandled(clip, 2);
    for (const event of handled) await clipPlayable(event);
    await packageClip(harvestEvent(clip, 'FAILED', 'a late, contradicting event'));

    const updates = await watch.settle();
    expect(updates.map((update) => update.status)).toEqual(['PACKAGING', 'READY']);
    expect((await storedClip(clip))?.manifests).toHaveLength(2);
    expect(home.handlerErrors).toEqual([]);
    watch.subscriber.close();
  });

  it('take a clip to READY when the asset plays before the harvest event is handled, which then changes nothing', async () => {
    const watch = await home.watch('reordered');
    const clip = await fixtures.harvestingClip('reordered');
    // A first delivery of the harvest event made the asset and died before its PACKAGING write:
    // the asset's playable events overtake the retried harvest event.
    await home.vodClient.send(
      new CreateAssetCommand({
        Id: assetIdFor(clip),
        PackagingGroupId: PACKAGING_GROUP_ID,
        SourceArn: `arn:aws:s3:::${BUCKET}/${manifestKeyFor(clip)}`,
        SourceRoleArn: VOD_SOURCE_ROLE_ARN,
      }),
    );
    await assetEventsHandled(clip, 2);
    await packageClip(harvestEvent(clip, 'SUCCEEDED'));

    const updates = await watch.settle();
    expect(updates.map((update) => update.status)).toEqual(['READY']);
    expect(updates[0]!.manifests.map((manifest) => manifest.format)).toContain('HLS');
    expect((await storedClip(clip))?.status).toBe('READY');
    watch.subscriber.close();
  });

  it('ignore harvest jobs and assets that are not a clip', async () => {
    const clip = await fixtures.harvestingClip('strangers', { harvested: false });
    const foreign = harvestEvent(clip, 'FAILED', 'not ours');
    foreign.detail.harvest_job.id = 'someone-elses-job';

    await packageClip(foreign);
    await clipPlayable({ ...(home.vodEvents[0] as InputNotificationEvent), resources: ['arn:aws:mediapackage-vod:us-east-1:000000000000:assets/other'] });

    expect((await storedClip(clip))?.status).toBe('HARVESTING');
  });
});
