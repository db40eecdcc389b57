// createClip against the real local AppSync runtime, the real resolver bundles, a real DynamoDB
// server and the real startHarvest handler (MediaPackage itself is a wire-level double here; see
// test/support/mediaPackageDouble.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipDocument, ClipsByCompetitionDocument, CreateClipDocument } from '../../generated/operations/graphql.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;

beforeAll(async () => {
  api = await startApiForTests();
});

afterAll(async () => {
  await api?.stop();
});

// One instant for both ends: two Date.now() calls a millisecond apart made a 20.001 s clip.
const secondsAgo = (seconds: number, now = Date.now()) => new Date(now - seconds * 1000).toISOString();

describe('createClip', () => {
  it('clips the last 60 s by default and starts one harvest job for that range', async () => {
    const before = Date.now();
    const { data, errors } = await api.request(CreateClipDocument, { input: { competition: 'default-range' } });

    expect(errors).toBeUndefined();
    const clip = data!.createClip;
    expect(clip.status).toBe('HARVESTING');
    expect(clip.durationSeconds).toBe(60);
    expect(Date.parse(clip.endTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(clip.endTime) - Date.parse(clip.startTime)).toBe(60_000);
    expect(clip.manifests).toEqual([]);
    const job = api.mediaPackage.harvestJobs.find((candidate) => candidate.id === `default-range_${clip.clipId}`);
    expect(job).toMatchObject({ startTime: clip.startTime, endTime: clip.endTime });
    expect(job!.s3Destination.manifestKey).toBe(`default-range/${clip.clipId}/index.m3u8`);
    const preview = new URL(clip.previewUrl!);
    expect(preview.searchParams.get('start')).toBe(clip.startTime);
    expect(preview.searchParams.get('end')).toBe(clip.endTime);
  });

  it('harvests a competition from the channel configuration maps it to, and others from the default', async () => {
    const mapped = (await api.request(CreateClipDocument, { input: { competition: 'arena-2-final' } })).data!.createClip;
    const unmapped = (await api.request(CreateClipDocument, { input: { competition: 'arena-1-final' } })).data!.createClip;

    const jobOf = (clipId: string) => api.mediaPackage.harvestJobs.find((job) => job.id.endsWith(clipId));
    expect(jobOf(mapped.clipId)!.originEndpointId).toBe('arena-2-hls');
    expect(jobOf(unmapped.clipId)!.originEndpointId).toBe('live-hls');
    expect(mapped.previewUrl).toContain('/arena-2-hls/');
  });

  it('keeps title and description from request to read', async () => {
    const now = Date.now();
    const input = {
      competition: 'kept-context',
      startTime: secondsAgo(30, now),
      endTime: secondsAgo(10, now),
      title: 'Goal!',
      description: 'Header from the corner',
    };
    const created = (await api.request(CreateClipDocument, { input })).data!.createClip;

    const read = await api.request(ClipDocument, { competition: 'kept-context', clipId: created.clipId });

    expect(read.data!.clip).toEqual(created);
    expect(created).toMatchObject({ title: 'Goal!', description: 'Header from the corner', durationSeconds: 20 });
  });

  it('answers a repeated clientToken with the first clip and starts no second job', async () => {
    const input = { competition: 'retries', clientToken: 'tap-1', title: 'first' };
    const first = (await api.request(CreateClipDocument, { input })).data!.createClip;

    const second = (await api.request(CreateClipDocument, { input: { ...input, title: 'second' } })).data!.createClip;

    expect(second).toEqual(first);
    expect(api.mediaPackage.harvestJobs.filter((job) => job.id.startsWith('retries_'))).toHaveLength(1);
    const library = await api.request(ClipsByCompetitionDocument, { competition: 'retries' });
    expect(library.data!.clipsByCompetition.items).toHaveLength(1);
  });

  it('keeps a clip whose harvest MediaPackage refuses, as FAILED with the reason', async () => {
    api.mediaPackage.refuseHarvests('The requested time range is outside the startover window');
    try {
      const { data, errors } = await api.request(CreateClipDocument, { input: { competition: 'refused' } });

      expect(errors).toBeUndefined();
      expect(data!.createClip.status).toBe('FAILED');
      expect(data!.createClip.failureReason).toContain('outside the startover window');
      const stored = await api.request(ClipDocument, { competition: 'refused', clipId: data!.createClip.clipId });
      expect(stored.data!.clip!.status).toBe('FAILED');
    } finally {
      api.mediaPackage.refuseHarvests(null);
    }
  });
});

// Bad input of every operation, createClip's included, is tested table-driven in badInput.test.ts.
describe('createClip explains a refused range', () => {
  it('says why an end in the future is refused on a v1 channel, and how far ahead is allowed', async () => {
    const ahead = await api.request(CreateClipDocument, { input: { competition: 'v1-future', startTime: secondsAgo(10), endTime: new Date(Date.now() + 30_000).toISOString() } });
    const tooFar = await api.request(CreateClipDocument, { input: { competition: 'v1-future', startTime: secondsAgo(10), endTime: new Date(Date.now() + 400_000).toISOString() } });

    expect(ahead.errors![0]!.message).toBe(
      'input.endTime: lies in the future, but competition v1-future clips from a MediaPackage v1 channel, which harvests only ranges that have ended: end the clip now, or clip it from a v2 channel',
    );
    expect(tooFar.errors![0]!.message).toBe('input.endTime: may lie at most 300 seconds in the future');
  });
});
