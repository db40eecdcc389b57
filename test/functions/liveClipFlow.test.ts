// The clip flow from createClip on, with a live encoder feeding the local MediaPackage, v1 and v2
// in turn: harvests are real, so is the quota of active harvest jobs (2 here for v1's account,
// v2's default of 10 for its channel group), and events travel the local bus to the handlers
// unless a test loses them on purpose.
import './support/quietLogs.ts';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DescribeAssetCommand } from '@aws-sdk/client-mediapackage-vod';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATING } from '../../contracts/clipTable.ts';
import { assetIdFor, clipPrefixFor } from '../../functions/commons/clips.ts';
import {
  CancelClipDocument,
  ClipDocument,
  CreateClipDocument,
  OnClipReadyDocument,
  type ClipFieldsFragment,
  type OnClipReadySubscription,
} from '../../generated/operations/graphql.ts';
import { subscribe } from '../../local/client/realtimeSubscriber.ts';
import { liveContent } from '../support/liveContent.ts';
import { BUCKET, LOCAL_CREDENTIALS, REGION, startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';

const CLIP_SECONDS = 6;

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each([
  { version: 'v1' as const, QUOTA: 2 },
  { version: 'v2' as const, QUOTA: 10 },
])('on MediaPackage $version', ({ version, QUOTA }) => {
  let home: ClipFlowHome;

  /** A clip of the last few seconds, ending now: its harvest runs until the encoder has delivered that. */
  async function createClip(competition: string, title: string): Promise<ClipFieldsFragment> {
    const end = new Date();
    const { data, errors } = await home.app(CreateClipDocument, {
      input: { competition, title, startTime: new Date(end.getTime() - CLIP_SECONDS * 1000).toISOString(), endTime: end.toISOString() },
    });
    expect(errors).toBeUndefined();
    return data!.createClip;
  }

  async function clip(created: ClipFieldsFragment) {
    return (await home.app(ClipDocument, { competition: created.competition, clipId: created.clipId })).data!.clip!;
  }

  beforeAll(async () => {
    home = await startClipFlowHome({ live: { harvestQuota: QUOTA }, version });
    await liveContent(home.channel.playbackUrl, CLIP_SECONDS + 2);
  }, 120_000);

  afterAll(async () => {
    await home?.stop();
  });

  describe('more clips at once than the harvest-job quota', () => {
    // A job can finish before the burst's last clip is made (its range ended as the burst began,
    // and a loaded machine stretches 12 createClips past the seconds that harvest takes): its freed
    // slot then rightly starts an 11th clip at once, and the exact 10 + 2 split below is not seen.
    // Seen under CI's second pass (npm's ffmpeg) and under load; a retry takes a competition of its own.
    it('keeps the extra clips PENDING and starts them in order as jobs finish, none failing', { retry: 2 }, async () => {
      const competition = `queue-${Date.now()}`;
      const watch = await home.watch(competition);
      const ready = await subscribe<OnClipReadySubscription>({
        realtimeUrl: home.api.realtimeUrl,
        graphqlUrl: home.api.graphqlUrl,
        apiKey: home.api.credentials.apiKey.id,
        query: print(OnClipReadyDocument),
        variables: { competition },
      });

      // All at once: well inside the seconds a running harvest takes, however loaded the machine.
      const created = await Promise.all(Array.from({ length: QUOTA + 2 }, (_, index) => createClip(competition, `clip ${index}`)));

      expect(created.map((one) => one.status).sort()).toEqual([...Array<string>(QUOTA).fill('HARVESTING'), 'PENDING', 'PENDING']);
      const waiting = created.filter((one) => one.status === 'PENDING').sort((a, b) => (a.clipId < b.clipId ? -1 : 1));
      const first = created.filter((one) => one.status === 'HARVESTING');
      expect(waiting[0]!.previewUrl).toContain('start=');
      const pushedReady = await ready.waitFor(created.length, 90_000);
      expect(pushedReady.map((push) => push.onClipReady!.clipId).sort()).toEqual(created.map((one) => one.clipId).sort());
      for (const one of created) expect((await clip(one)).manifests.map((manifest) => manifest.format)).toContain('HLS');

      // The waiting clips' jobs started after the first ones, the older waiting clip first
      // (MediaPackage keeps whole seconds, so this cannot tell jobs of one second apart). (Their
      // HARVESTING push may never come: a job of a range long past can finish, and its event move
      // the clip on, before the starter records HARVESTING.)
      const jobStart = async (one: ClipFieldsFragment) => (await home.harvestJob(one)).createdAt?.getTime() ?? 0;
      const firstStarts = await Promise.all(first.map(jobStart));
      const waitingStarts = await Promise.all(waiting.map(jobStart));
      for (const started of waitingStarts) expect(firstStarts.every((earlier) => started >= earlier)).toBe(true);
      // v1's queue is this project's, oldest clip first; v2 keeps its own, in the order jobs were made.
      if (version === 'v1') expect(waitingStarts[1]! >= waitingStarts[0]!).toBe(true);
      const updates = await watch.settle();
      expect(updates.filter((update) => update.status === 'FAILED')).toEqual([]);
      for (const one of created) {
        expect(updates.filter((update) => update.clipId === one.clipId && update.status === 'READY')).toHaveLength(1);
      }
      ready.close();
      watch.subscriber.close();
    });
  });

  describe.runIf(version === 'v2')('a clip that ends in the future', () => {
    it('harvests while the range streams: HARVESTING with a playable preview, then READY within seconds of its end', async () => {
      const competition = 'next-ten-seconds';
      const watch = await home.watch(competition);
      const now = Date.now();
      const end = now + 10_000;
      const { data, errors } = await home.app(CreateClipDocument, {
        input: { competition, title: 'the next 10 s', startTime: new Date(now - 4_000).toISOString(), endTime: new Date(end).toISOString() },
      });
      expect(errors).toBeUndefined();
      const created = data!.createClip;
      expect(created.status).toBe('HARVESTING');
      // What has streamed so far plays at once.
      const preview = await fetch(created.previewUrl!);
      expect(preview.status).toBe(200);
      expect(await preview.text()).toContain('#EXTM3U');

      const ready = await until(async () => {
        const now = await clip(created);
        return now.status === 'READY' ? Date.now() : undefined;
      });
      // The origin holds the last segment a few seconds after the end; packaging takes a second or two.
      expect(ready - end).toBeLessThan(15_000);
      const updates = await watch.settle();
      expect(updates.map((update) => update.status)).toEqual(['HARVESTING', 'PACKAGING', 'READY']);
      watch.subscriber.close();
    });
  });

  describe('cancelClip', () => {
    it.runIf(version === 'v2')('stops a harvest in progress: CANCELLED, its job cancelled, no files left, subscribers told', async () => {
      const competition = 'cancel-running';
      const watch = await home.watch(competition);
      const now = Date.now();
      const { data } = await home.app(CreateClipDocument, {
        input: { competition, startTime: new Date(now - 4_000).toISOString(), endTime: new Date(now + 20_000).toISOString() },
      });
      const created = data!.createClip;
      expect(created.status).toBe('HARVESTING');

      const cancelled = await home.app(CancelClipDocument, { competition, clipId: created.clipId });

      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!.cancelClip.status).toBe('CANCELLED');
      expect(await home.harvestJob(created)).toMatchObject({ succeeded: false });
      expect(await home.objectStore.list(BUCKET, clipPrefixFor(created))).toEqual([]);
      const updates = await watch.settle();
      expect(updates.map((update) => update.status)).toEqual(['HARVESTING', 'CANCELLED']);
      watch.subscriber.close();
    });

    it.runIf(version === 'v1')('cancels at once on v1, which cannot stop a job: the job runs on and its files go when it ends', async () => {
      const competition = 'cancel-v1';
      const now = Date.now();
      // Ending at the live edge (inside v1's 1 s of clock skew), the job waits for its last segment.
      const { data } = await home.app(CreateClipDocument, {
        input: { competition, startTime: new Date(now - 4_000).toISOString(), endTime: new Date(now + 800).toISOString() },
      });
      const created = data!.createClip;

      const cancelled = await home.app(CancelClipDocument, { competition, clipId: created.clipId });

      expect(cancelled.data!.cancelClip.status).toBe('CANCELLED');
      await until(async () => ((await home.harvestJob(created)).succeeded ? true : undefined));
      // The job's end event reaches packageClip, which finds the clip CANCELLED and removes the files.
      await until(async () => ((await home.objectStore.list(BUCKET, clipPrefixFor(created))).length === 0 ? true : undefined));
      await home.bus.idle();
      expect((await clip(created)).status).toBe('CANCELLED');
      await expect(home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(created) }))).rejects.toMatchObject({ name: 'NotFoundException' });
    });

    it('loses cleanly to a harvest that ended first, even before its event came: refused, then READY', async () => {
      const competition = 'cancel-race';
      home.delivery.harvestEvents = false;
      try {
        const created = await createClip(competition, 'raced');
        await until(async () => ((await home.harvestJob(created)).succeeded ? true : undefined));

        const refused = await home.app(CancelClipDocument, { competition, clipId: created.clipId });

        expect(refused.errors?.[0]).toMatchObject({ errorType: 'ConflictError', data: { clipId: created.clipId, status: 'HARVESTING' } });
        expect(refused.errors?.[0]?.message).toContain('its harvest has just ended');
        home.delivery.harvestEvents = true;
        const { sweepClips } = home.handlers({ sweep: { recheckAfterSeconds: 0 } });
        await until(async () => {
          await sweepClips();
          return (await clip(created)).status === 'READY' ? true : undefined;
        });
      } finally {
        home.delivery.harvestEvents = true;
      }
    });

    it('refuses a clip whose harvest has ended, with the clip as it is', async () => {
      const created = await createClip('cancel-ready', 'kept');
      await until(async () => ((await clip(created)).status === 'READY' ? true : undefined));

      const refused = await home.app(CancelClipDocument, { competition: created.competition, clipId: created.clipId });

      expect(refused.errors?.[0]).toMatchObject({ errorType: 'ConflictError', data: { clipId: created.clipId, status: 'READY' } });
      expect((await clip(created)).status).toBe('READY');
    });
  });

  describe('startHarvest', () => {
    it('answers a repeated start of one clip (a retried invocation) with the job the first one made', async () => {
      const end = Date.now();
      const clip = {
        competition: 'retried',
        clipId: `${new Date(end - CLIP_SECONDS * 1000).toISOString().replace(/[-:.]/g, '')}-0000000000RETRY`,
        status: 'PENDING' as const,
        startTime: new Date(end - CLIP_SECONDS * 1000).toISOString(),
        endTime: new Date(end).toISOString(),
        durationSeconds: CLIP_SECONDS,
        manifests: [],
        createdAt: new Date(end).toISOString(),
        updatedAt: new Date(end).toISOString(),
      };

      const first = await home.handlers().startHarvest({ clip });
      const second = await home.handlers().startHarvest({ clip });

      expect(first).toMatchObject({ status: 'HARVESTING', harvestJobId: home.api.handlerServices.harvestJobs().jobIdFor(clip) });
      expect(second).toEqual(first);
    });
  });

  describe('sweepClips', () => {
    it('starts a clip the createClip pipeline wrote but stopped before recording its harvest', async () => {
      const end = new Date();
      const start = new Date(end.getTime() - CLIP_SECONDS * 1000);
      const stopped = {
        competition: 'stopped-pipeline',
        clipId: `${start.toISOString().replace(/[-:.]/g, '')}-STOPPEDPIPELINE0`,
        status: 'PENDING',
        startTime: start.toISOString(),
        endTime: end.toISOString(),
        durationSeconds: CLIP_SECONDS,
        manifests: [],
        createdAt: end.toISOString(),
        updatedAt: end.toISOString(),
      };
      // As step 3 of the pipeline leaves it: written, in the in-flight index as CREATING.
      const dynamodb = new DynamoDBClient({ endpoint: home.dynamodbEndpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
      await dynamodb.send(
        new PutItemCommand({ TableName: 'clips', Item: marshall({ ...stopped, inFlightStatus: CREATING, inFlightSince: stopped.createdAt }) }),
      );
      dynamodb.destroy();
      const { sweepClips } = home.handlers({ sweep: { recheckAfterSeconds: 0 } });
      expect(await sweepClips()).toMatchObject({ moved: 1 });

      expect((await clip(stopped as unknown as ClipFieldsFragment)).status).not.toBe('PENDING');
      // It goes on as any other clip, to READY: nothing of it is left for the next test's sweeps.
      await until(async () => ((await clip(stopped as unknown as ClipFieldsFragment)).status === 'READY' ? true : undefined));
    });

    it('takes a clip whose harvest and asset events were lost to READY', async () => {
      const competition = 'lost-events';
      const watch = await home.watch(competition);
      home.delivery.harvestEvents = false;
      home.delivery.vodEvents = false;
      try {
        const created = await createClip(competition, 'nobody told');
        expect(created.status).toBe('HARVESTING');
        await until(async () => ((await home.harvestJob(created)).succeeded ? true : undefined));
        expect((await clip(created)).status).toBe('HARVESTING');

        const { sweepClips } = home.handlers({ sweep: { recheckAfterSeconds: 0 } });
        expect(await sweepClips()).toMatchObject({ rechecked: 1, moved: 1 });
        expect((await clip(created)).status).toBe('PACKAGING');

        await until(async () => {
          const asset = await home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(created) }));
          return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'PLAYABLE') ? asset : undefined;
        });
        expect(await sweepClips()).toMatchObject({ rechecked: 1, moved: 1 });
        const swept = await clip(created);
        // The home packages HLS and DASH, as deployed: both are recorded, and each plays.
        expect(swept.status).toBe('READY');
        expect(swept.manifests.map((manifest) => manifest.format).sort()).toEqual(['DASH', 'HLS']);
        for (const manifest of swept.manifests) expect((await fetch(manifest.url)).status).toBe(200);

        // Nothing is left to re-check, and nothing is published twice.
        expect(await sweepClips()).toMatchObject({ started: 0, rechecked: 0, moved: 0 });
        const updates = await watch.settle();
        expect(updates.map((update) => update.status)).toEqual(['HARVESTING', 'PACKAGING', 'READY']);
      } finally {
        home.delivery.harvestEvents = true;
        home.delivery.vodEvents = true;
        watch.subscriber.close();
      }
    });
  });
});
