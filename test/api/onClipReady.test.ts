// Real-time delivery and the backend-only publish mutation, over the real local runtime's
// HTTP and WebSocket endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateClipDocument,
  OnClipReadyDocument,
  PublishClipUpdateDocument,
  type PublishClipUpdateInput,
} from '../../generated/operations/graphql.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;

beforeAll(async () => {
  api = await startApiForTests();
});

afterAll(async () => {
  await api?.stop();
});

function clipUpdate(competition: string, clipId: string, status: PublishClipUpdateInput['status']): PublishClipUpdateInput {
  const now = new Date().toISOString();
  return {
    competition,
    clipId,
    status,
    startTime: new Date(Date.now() - 20_000).toISOString(),
    endTime: new Date(Date.now() - 10_000).toISOString(),
    durationSeconds: 10,
    title: `${competition} ${status}`,
    manifests: status === 'READY' ? [{ format: 'HLS', url: `http://127.0.0.1/${clipId}/index.m3u8` }] : [],
    createdAt: now,
    updatedAt: now,
  };
}

describe('publishClipUpdate', () => {
  it('is refused to a caller with only the API key, and changes nothing', async () => {
    const { data, errors } = await api.request(PublishClipUpdateDocument, {
      input: clipUpdate('forged', 'c1', 'READY'),
    });

    expect(data?.publishClipUpdate ?? null).toBeNull();
    expect(errors![0]).toMatchObject({ errorType: 'Unauthorized' });
  });

  it('is accepted from the backend signing with IAM', async () => {
    const result = await api.backend(PublishClipUpdateDocument, { input: clipUpdate('signed', 'c1', 'HARVESTING') });

    expect(result.publishClipUpdate).toMatchObject({ competition: 'signed', clipId: 'c1', status: 'HARVESTING' });
  });
});

describe('onClipReady', () => {
  it('pushes a READY clip of its competition, and neither other statuses nor other competitions', async () => {
    const subscriber = await api.subscribe(OnClipReadyDocument, { competition: 'final' });
    try {
      // Delivery keeps publish order: had the first two passed the filters, they would arrive first.
      await api.backend(PublishClipUpdateDocument, { input: clipUpdate('final', 'c1', 'HARVESTING') });
      await api.backend(PublishClipUpdateDocument, { input: clipUpdate('semifinal', 'c2', 'READY') });
      await api.backend(PublishClipUpdateDocument, { input: clipUpdate('final', 'c1', 'READY') });

      const [pushed] = await subscriber.waitFor(1);

      expect(pushed!.onClipReady).toMatchObject({
        competition: 'final',
        clipId: 'c1',
        status: 'READY',
        title: 'final READY',
        manifests: [{ format: 'HLS', url: 'http://127.0.0.1/c1/index.m3u8' }],
      });
      expect(subscriber.received).toHaveLength(1);
    } finally {
      subscriber.close();
    }
  });

  it('does not push a clip that createClip has only started harvesting', async () => {
    const subscriber = await api.subscribe(OnClipReadyDocument, { competition: 'live' });
    try {
      const created = (await api.request(CreateClipDocument, { input: { competition: 'live' } })).data!.createClip;
      expect(created.status).toBe('HARVESTING');
      await api.backend(PublishClipUpdateDocument, { input: clipUpdate('live', created.clipId, 'HARVESTING') });
      await api.backend(PublishClipUpdateDocument, { input: clipUpdate('live', created.clipId, 'READY') });

      const [pushed] = await subscriber.waitFor(1);

      expect(pushed!.onClipReady!.status).toBe('READY');
      expect(subscriber.received).toHaveLength(1);
    } finally {
      subscriber.close();
    }
  });
});
