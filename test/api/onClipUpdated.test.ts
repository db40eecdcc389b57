// onClipUpdated: every status change of a competition's clips, from createClip itself and from
// the backend's publishClipUpdate, optionally narrowed to one clip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateClipDocument,
  OnClipUpdatedDocument,
  PublishClipUpdateDocument,
} from '../../generated/operations/graphql.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;

beforeAll(async () => {
  api = await startApiForTests();
});

afterAll(async () => {
  await api?.stop();
});

describe('onClipUpdated', () => {
  it('pushes the clip createClip made, then each change the backend publishes', async () => {
    const subscriber = await api.subscribe(OnClipUpdatedDocument, { competition: 'updates' });
    try {
      const created = (await api.request(CreateClipDocument, { input: { competition: 'updates', title: 'Save' } })).data!.createClip;
      await api.backend(PublishClipUpdateDocument, { input: { ...created, status: 'PACKAGING' } });

      const pushed = await subscriber.waitFor(2);

      expect(pushed.map((update) => update.onClipUpdated!.status)).toEqual(['HARVESTING', 'PACKAGING']);
      expect(pushed[0]!.onClipUpdated).toEqual(created);
    } finally {
      subscriber.close();
    }
  });

  it('pushes a clip whose harvest MediaPackage refused, as FAILED', async () => {
    const subscriber = await api.subscribe(OnClipUpdatedDocument, { competition: 'refusals' });
    api.mediaPackage.refuseHarvests('Time range is outside the startover window');
    try {
      await api.request(CreateClipDocument, { input: { competition: 'refusals' } });

      const [pushed] = await subscriber.waitFor(1);

      expect(pushed!.onClipUpdated).toMatchObject({ status: 'FAILED' });
      expect(pushed!.onClipUpdated!.failureReason).toContain('outside the startover window');
    } finally {
      api.mediaPackage.refuseHarvests(null);
      subscriber.close();
    }
  });

  it('narrowed to one clip, pushes nothing of the others', async () => {
    const first = (await api.request(CreateClipDocument, { input: { competition: 'narrow' } })).data!.createClip;
    const second = (await api.request(CreateClipDocument, { input: { competition: 'narrow' } })).data!.createClip;
    const subscriber = await api.subscribe(OnClipUpdatedDocument, { competition: 'narrow', clipId: second.clipId });
    try {
      await api.backend(PublishClipUpdateDocument, { input: { ...first, status: 'PACKAGING' } });
      await api.backend(PublishClipUpdateDocument, { input: { ...second, status: 'PACKAGING' } });

      const [pushed] = await subscriber.waitFor(1);

      expect(pushed!.onClipUpdated!.clipId).toBe(second.clipId);
      expect(subscriber.received).toHaveLength(1);
    } finally {
      subscriber.close();
    }
  });
});
