// Deleting and expiring clips against the real local services: the VOD asset, the harvested
// files and the item go, in an order that leaves nothing behind when a removal stops half-way,
// and no late event brings a deleted clip back.
import './support/quietLogs.ts';
import { DescribeAssetCommand, NotFoundException } from '@aws-sdk/client-mediapackage-vod';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetIdFor, clipPrefixFor } from '../../functions/commons/clips.ts';
import type { StoredClip } from '../../functions/commons/clipStore.ts';
import { ClipDocument, DeleteClipDocument } from '../../generated/operations/graphql.ts';
import { AwsApiError } from '../../local/rest/index.ts';
import { clipFixtures, harvestEvent, type ClipFixtures } from './support/clipFixtures.ts';
import { BUCKET, LOCAL_CREDENTIALS, REGION, startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';

let home: ClipFlowHome;
let fixtures: ClipFixtures;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  home = await startClipFlowHome();
  fixtures = clipFixtures(home);
  dynamodb = new DynamoDBClient({ endpoint: home.dynamodbEndpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  dynamodb?.destroy();
  fixtures?.destroy();
  await home?.stop();
});

async function assetExists(clip: StoredClip): Promise<boolean> {
  try {
    await home.vodClient.send(new DescribeAssetCommand({ Id: assetIdFor(clip) }));
    return true;
  } catch (error) {
    if (error instanceof NotFoundException) return false;
    throw error;
  }
}

const filesOf = (clip: StoredClip) => home.objectStore.list(BUCKET, clipPrefixFor(clip));

describe('deleteClip of a READY clip', () => {
  it('removes its asset (its URLs stop playing) and its files, and leaves a finished tombstone', async () => {
    const clip = await fixtures.readyClip('removals');
    const hlsUrl = (await home.store.get(clip))!.manifests.find((manifest) => manifest.format === 'HLS')!.url;
    expect((await fetch(hlsUrl)).status).toBe(200);
    expect((await filesOf(clip)).length).toBeGreaterThan(0);

    const { data, errors } = await home.app(DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId });

    expect(errors).toBeUndefined();
    expect(data!.deleteClip.status).toBe('DELETED');
    expect(await assetExists(clip)).toBe(false);
    expect((await fetch(hlsUrl)).status).toBe(404);
    expect(await filesOf(clip)).toEqual([]);
    const tombstone = await home.store.get(clip);
    expect(tombstone).toMatchObject({ status: 'DELETED', manifests: [] });
    expect(tombstone?.inFlightStatus).toBeUndefined();
    expect(tombstone?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
  });
});

describe('a removal that stops half-way', () => {
  it('leaves the clip DELETED and DELETING; a repeated delete finishes it', async () => {
    const clip = await fixtures.readyClip('interrupted');
    home.vodFault.current = ({ method }) => (method === 'DELETE' ? new AwsApiError('InternalServerErrorException', 500, 'injected: MediaPackage-VOD is down') : undefined);
    try {
      const first = await home.app(DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId });

      expect(first.errors).toBeUndefined();
      expect(first.data!.deleteClip.status).toBe('DELETED');
      expect((await home.store.get(clip))?.inFlightStatus).toBe('DELETING');
      expect(await assetExists(clip)).toBe(true);
      expect((await home.app(ClipDocument, { competition: clip.competition, clipId: clip.clipId })).data!.clip).toBeNull();
    } finally {
      home.vodFault.current = undefined;
    }

    const again = await home.app(DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId });

    expect(again.errors).toBeUndefined();
    expect(await assetExists(clip)).toBe(false);
    expect(await filesOf(clip)).toEqual([]);
    expect((await home.store.get(clip))?.inFlightStatus).toBeUndefined();
  });

  it('is finished by the sweeper when nobody deletes again', async () => {
    const clip = await fixtures.readyClip('swept');
    home.vodFault.current = ({ method }) => (method === 'DELETE' ? new AwsApiError('InternalServerErrorException', 500, 'injected') : undefined);
    try {
      await home.app(DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId });
    } finally {
      home.vodFault.current = undefined;
    }

    const report = await home.handlers({ sweep: { recheckAfterSeconds: 0 } }).sweepClips();

    expect(report.moved).toBeGreaterThanOrEqual(1);
    expect(await assetExists(clip)).toBe(false);
    expect(await filesOf(clip)).toEqual([]);
    expect((await home.store.get(clip))?.inFlightStatus).toBeUndefined();
  });
});

describe('a clip deleted while it harvests', () => {
  it('is removed when its harvest ends, and the late harvest event makes no asset and no status', async () => {
    const clip = await fixtures.harvestingClip('late-events');
    await home.app(DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId });

    await home.handlers().packageClip(harvestEvent(clip, 'SUCCEEDED'));
    await home.bus.idle();

    expect(await assetExists(clip)).toBe(false);
    expect(await filesOf(clip)).toEqual([]);
    expect(await home.store.get(clip)).toMatchObject({ status: 'DELETED' });
    expect((await home.store.get(clip))?.inFlightStatus).toBeUndefined();
  });
});

describe('retention', () => {
  it('expires a clip through time to live and the stream handler: asset, files and item go, a tombstone tells apps', async () => {
    const clip = await fixtures.readyClip('retention');
    const watch = await home.watch('retention');
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'clips',
        Key: marshall({ competition: clip.competition, clipId: clip.clipId }),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: marshall({ ':past': Math.floor(Date.now() / 1000) - 1 }),
      }),
    );

    expect(await home.timeToLive.sweep()).toBe(1);

    expect(await assetExists(clip)).toBe(false);
    expect(await filesOf(clip)).toEqual([]);
    const tombstone = await home.store.get(clip);
    expect(tombstone).toMatchObject({ status: 'DELETED', title: clip.title });
    expect(tombstone?.inFlightStatus).toBeUndefined();
    const pushes = await watch.settle();
    expect(pushes.map((push) => [push.clipId, push.status])).toEqual([[clip.clipId, 'DELETED']]);
    watch.subscriber.close();
    // The tombstone is not expired again before its own time.
    expect(await home.timeToLive.sweep()).toBe(0);
  });
});
