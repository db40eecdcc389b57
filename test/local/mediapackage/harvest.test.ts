import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateHarvestJobCommand,
  DescribeHarvestJobCommand,
  DescribeOriginEndpointCommand,
  ListHarvestJobsCommand,
  ListOriginEndpointsCommand,
  NotFoundException,
  TooManyRequestsException,
  UnprocessableEntityException,
  type CreateHarvestJobCommandInput,
  type MediaPackageClient,
} from '@aws-sdk/client-mediapackage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEncoder, type Encoder } from '../../../local/encoder/index.ts';
import {
  createEventBus,
  HARVEST_JOB_NOTIFICATION_PATTERN,
  type EventBus,
  type HarvestJobNotification,
} from '../../../local/eventbus/index.ts';
import { startMediaPackage, type MediaPackage } from '../../../local/mediapackage/index.ts';
import { createObjectStore, type ObjectStore } from '../../../local/objectstore/index.ts';
import { fetchText, mediaPackageClient, parseMedia, parseMultivariant, waitFor } from './helpers.ts';
import { decodeProblems } from '../../support/decode.ts';

const ENDPOINT = 'live-hls';
const BUCKET = 'clips';
const ROLE = 'arn:aws:iam::000000000000:role/MediaPackageHarvestRole';
const SEGMENT_S = 2;

let dir: string;
let bus: EventBus;
let store: ObjectStore;
let mediaPackage: MediaPackage;
let encoder: Encoder;
let client: MediaPackageClient;
const events: HarvestJobNotification[] = [];

function startOrigin() {
  return startMediaPackage({
    dataDir: path.join(dir, 'mediapackage'),
    objectStore: store,
    eventBus: bus,
    startoverWindowSeconds: 90,
    harvestQuota: 2,
    ingestGraceSeconds: 15,
    channels: [{ id: 'live', originEndpointId: ENDPOINT }],
    log: () => {},
  });
}

function jobInput(id: string, startMs: number, endMs: number, times: 'iso' | 'epoch' = 'iso'): CreateHarvestJobCommandInput {
  const format = (ms: number) => (times === 'iso' ? new Date(ms).toISOString() : String(ms / 1000));
  return {
    Id: id,
    OriginEndpointId: ENDPOINT,
    StartTime: format(startMs),
    EndTime: format(endMs),
    S3Destination: { BucketName: BUCKET, ManifestKey: `harvests/${id}/index.m3u8`, RoleArn: ROLE },
  };
}

async function finished(id: string) {
  await mediaPackage.idle();
  await bus.idle();
  return client.send(new DescribeHarvestJobCommand({ Id: id }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mediapackage-'));
  bus = createEventBus({ log: () => {} });
  bus.subscribe(HARVEST_JOB_NOTIFICATION_PATTERN, async (event) => {
    events.push(event as HarvestJobNotification);
  });
  store = createObjectStore({ root: path.join(dir, 'objects') });
  mediaPackage = await startOrigin();
  client = mediaPackageClient(mediaPackage.url);
  encoder = await startEncoder({ ingestUrl: mediaPackage.channels[0]?.ingestUrl ?? '', log: () => {} });
  // 14 s of live content: enough for a 10 s harvest that starts inside the window.
  await waitFor(
    async () => {
      const { status, text } = await fetchText(mediaPackage.channels[0]?.playbackUrl.replace('index.m3u8', 'index_2.m3u8') ?? '');
      return status === 200 && parseMedia(text).segments.length >= 7 ? true : undefined;
    },
    40_000,
    '14 s of live content',
  );
});

afterAll(async () => {
  await encoder?.stop();
  await mediaPackage?.stop();
  bus?.stop();
  client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('local MediaPackage live origin', () => {
  it('serves a multivariant playlist and sliding live media playlists with program date times', async () => {
    const master = parseMultivariant((await fetchText(mediaPackage.channels[0]?.playbackUrl ?? '')).text);
    expect(master.variants.map((variant) => variant.uri)).toEqual(['index_1.m3u8', 'index_2.m3u8']);
    expect(master.variants[0]?.resolution).toEqual({ width: 640, height: 360 });
    expect(master.variants[1]?.resolution).toEqual({ width: 426, height: 240 });

    const base = mediaPackage.channels[0]?.playbackUrl.replace('index.m3u8', '') ?? '';
    for (const uri of ['index_1.m3u8', 'index_2.m3u8']) {
      const media = parseMedia((await fetchText(base + uri)).text);
      expect(media.endlist).toBe(false);
      expect(media.playlistType).toBeUndefined();
      const [first, second] = media.segments;
      expect(first?.programDateTime).toBeInstanceOf(Date);
      // The origin's own timeline: consecutive, to the millisecond.
      expect(second?.programDateTime?.getTime()).toBe((first?.programDateTime?.getTime() ?? 0) + (first?.duration ?? 0) * 1000);
      const segment = await fetch(base + (first?.uri ?? ''));
      expect(segment.status).toBe(200);
      expect(segment.headers.get('content-type')).toBe('video/mp2t');
      expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('describes and lists its origin endpoint with the live URL', async () => {
    const endpoint = await client.send(new DescribeOriginEndpointCommand({ Id: ENDPOINT }));
    expect(endpoint).toMatchObject({ Id: ENDPOINT, ChannelId: 'live', Url: mediaPackage.channels[0]?.playbackUrl, StartoverWindowSeconds: 90 });
    const list = await client.send(new ListOriginEndpointsCommand({ ChannelId: 'live' }));
    expect(list.OriginEndpoints?.map((e) => e.Id)).toEqual([ENDPOINT]);
    await expect(client.send(new DescribeOriginEndpointCommand({ Id: 'nope' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('serves time-shifted viewing of the window as a VOD playlist', async () => {
    // Far enough back that the origin holds the whole range even if ingest lags on a busy machine.
    const end = Date.now() - 6_000;
    const start = end - 6_000;
    const url = `${mediaPackage.channels[0]?.playbackUrl}?start=${new Date(start).toISOString()}&end=${Math.floor(end / 1000)}`;
    const master = parseMultivariant((await fetchText(url)).text);
    const childUri = master.variants[0]?.uri ?? '';
    expect(childUri).toMatch(/^index_1\.m3u8\?start=/);
    const media = parseMedia((await fetchText(new URL(childUri, url).toString())).text);
    expect(media.playlistType).toBe('VOD');
    expect(media.endlist).toBe(true);
    expect(media.segments[0]?.programDateTime?.getTime()).toBeLessThanOrEqual(start);
    expect((await fetch(new URL(media.segments[0]?.uri ?? '', url))).status).toBe(200);

    // A range still running is an EVENT playlist that grows; it has no end yet.
    const running = `${mediaPackage.channels[0]?.playbackUrl.replace('index.m3u8', 'index_2.m3u8')}?start=${Math.floor(end / 1000)}`;
    const growing = parseMedia((await fetchText(running)).text);
    expect(growing.playlistType).toBe('EVENT');
    expect(growing.endlist).toBe(false);
    expect((await fetch(`${url.replace(/start=[^&]+/, 'start=yesterday')}`)).status).toBe(400);
  });
});

describe('harvest jobs over the MediaPackage API', () => {
  it('harvests the last 10 s of every rendition into the object store and emits one event', async () => {
    const endMs = Date.now();
    const startMs = endMs - 10_000;
    const created = await client.send(new CreateHarvestJobCommand(jobInput('last-10s', startMs, endMs)));
    expect(created).toMatchObject({ Id: 'last-10s', Status: 'IN_PROGRESS', ChannelId: 'live', OriginEndpointId: ENDPOINT });

    const job = await finished('last-10s');
    expect(job.Status).toBe('SUCCEEDED');

    const master = parseMultivariant((await store.get(BUCKET, 'harvests/last-10s/index.m3u8')).toString());
    expect(master.variants.map((variant) => variant.uri)).toEqual(['index_1.m3u8', 'index_2.m3u8']);
    for (const variant of master.variants) {
      const key = `harvests/last-10s/${variant.uri}`;
      const text = (await store.get(BUCKET, key)).toString();
      expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
      const media = parseMedia(text);
      expect(media.playlistType).toBe('VOD');
      // Whole segments cover the range: the first starts at or before it, the last ends at or after it.
      const first = media.segments[0];
      const last = media.segments[media.segments.length - 1];
      const firstStart = first?.programDateTime?.getTime() ?? NaN;
      const lastEnd = (last?.programDateTime?.getTime() ?? NaN) + (last?.duration ?? 0) * 1000;
      expect(firstStart).toBeLessThanOrEqual(startMs);
      expect(firstStart + (first?.duration ?? 0) * 1000).toBeGreaterThan(startMs);
      expect(lastEnd).toBeGreaterThanOrEqual(endMs);
      const total = media.segments.reduce((sum, segment) => sum + segment.duration, 0);
      expect(total).toBeGreaterThanOrEqual(10);
      expect(total).toBeLessThan(10 + 2 * SEGMENT_S);
      for (const segment of media.segments) expect((await store.head(BUCKET, `harvests/last-10s/${segment.uri}`))?.size).toBeGreaterThan(0);
      expect(await decodeProblems(store.pathOf(BUCKET, key))).toBe('');
    }

    const mine = events.filter((event) => event.detail.harvest_job.id === 'last-10s');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'MediaPackage HarvestJob Notification',
      source: 'aws.mediapackage',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [job.Arn],
      detail: {
        harvest_job: {
          id: 'last-10s',
          arn: job.Arn,
          status: 'SUCCEEDED',
          origin_endpoint_id: ENDPOINT,
          start_time: job.StartTime,
          end_time: job.EndTime,
          s3_destination: { bucket_name: BUCKET, manifest_key: 'harvests/last-10s/index.m3u8', role_arn: ROLE },
          created_at: job.CreatedAt,
        },
      },
    });
  });

  it('takes epoch seconds as well as ISO-8601', async () => {
    const endMs = Math.floor(Date.now() / 1000) * 1000 - 2_000;
    await client.send(new CreateHarvestJobCommand(jobInput('epoch', endMs - 4_000, endMs, 'epoch')));
    const job = await finished('epoch');
    expect(job).toMatchObject({ Status: 'SUCCEEDED', EndTime: new Date(endMs).toISOString().replace('.000Z', 'Z') });
  });

  it.each([
    ['before the startover window', () => [Date.now() - 120_000, Date.now() - 110_000], /startover window/],
    ['before the encoder started', () => [Date.now() - 80_000, Date.now() - 70_000], /earliest content/],
    ['ending in the future', () => [Date.now() - 5_000, Date.now() + 60_000], /must be in the past/],
    ['longer than 24 hours', () => [Date.now() - 25 * 3600_000, Date.now() - 1_000], /24 hours/],
    ['ending before it starts', () => [Date.now() - 2_000, Date.now() - 4_000], /before EndTime/],
  ])('refuses a range %s with UnprocessableEntityException', async (_name, range, message) => {
    const [startMs = 0, endMs = 0] = range();
    const attempt = client.send(new CreateHarvestJobCommand(jobInput(`bad-${startMs}`, startMs, endMs)));
    await expect(attempt).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(attempt).rejects.toMatchObject({ message: expect.stringMatching(message), $metadata: { httpStatusCode: 422 } });
  });

  it('refuses an unknown origin endpoint, a duplicate id and malformed times', async () => {
    const now = Date.now();
    await expect(
      client.send(new CreateHarvestJobCommand({ ...jobInput('x', now - 5_000, now - 1_000), OriginEndpointId: 'nope' })),
    ).rejects.toMatchObject({ name: 'UnprocessableEntityException', message: expect.stringMatching(/nope does not exist/) });
    await expect(client.send(new CreateHarvestJobCommand(jobInput('last-10s', now - 5_000, now - 1_000)))).rejects.toMatchObject({
      name: 'UnprocessableEntityException',
      message: expect.stringMatching(/already exists/),
    });
    await expect(
      client.send(new CreateHarvestJobCommand({ ...jobInput('bad-time', now - 5_000, now - 1_000), StartTime: 'yesterday' })),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(client.send(new DescribeHarvestJobCommand({ Id: 'never-created' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses jobs beyond the in-progress quota with TooManyRequestsException', async () => {
    // Ending just ahead of the archive keeps the first two jobs waiting for their last segment.
    const endMs = Date.now() + 900;
    await client.send(new CreateHarvestJobCommand(jobInput('quota-1', endMs - 4_000, endMs)));
    await client.send(new CreateHarvestJobCommand(jobInput('quota-2', endMs - 4_000, endMs)));
    // The SDK retries a TooManyRequestsException (it is a throttling error) until a slot frees up:
    // a client that tries once sees it.
    const once = mediaPackageClient(mediaPackage.url, { maxAttempts: 1 });
    const refused = once.send(new CreateHarvestJobCommand(jobInput('quota-3', endMs - 4_000, endMs)));
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(refused).rejects.toMatchObject({ $metadata: { httpStatusCode: 429 } });
    once.destroy();
    const inProgress = await client.send(new ListHarvestJobsCommand({ IncludeStatus: 'IN_PROGRESS' }));
    expect(inProgress.HarvestJobs?.map((job) => job.Id).sort()).toEqual(['quota-1', 'quota-2']);
    // A range ending at the live edge waits for its last segment rather than being cut short.
    expect((await finished('quota-1')).Status).toBe('SUCCEEDED');
    expect((await finished('quota-2')).Status).toBe('SUCCEEDED');
    await expect(client.send(new CreateHarvestJobCommand(jobInput('quota-3', endMs - 4_000, endMs)))).resolves.toMatchObject({
      Status: 'IN_PROGRESS',
    });
    await finished('quota-3');
  });

  it('lists jobs with status and channel filters, page by page', async () => {
    const all = await client.send(new ListHarvestJobsCommand({ IncludeChannelId: 'live', IncludeStatus: 'SUCCEEDED' }));
    const ids = all.HarvestJobs?.map((job) => job.Id) ?? [];
    expect(ids).toEqual(expect.arrayContaining(['last-10s', 'epoch', 'quota-1', 'quota-2', 'quota-3']));

    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListHarvestJobsCommand({ IncludeStatus: 'SUCCEEDED', MaxResults: 2, NextToken: token }));
      expect(page.HarvestJobs?.length).toBeLessThanOrEqual(2);
      paged.push(...(page.HarvestJobs?.map((job) => job.Id ?? '') ?? []));
      token = page.NextToken;
    } while (token);
    expect(paged).toEqual(ids);
    expect((await client.send(new ListHarvestJobsCommand({ IncludeChannelId: 'other' }))).HarvestJobs).toEqual([]);
  });

  it('finishes a job that was in progress when the origin stopped, after it restarts', async () => {
    const endMs = Date.now() + 900;
    await client.send(new CreateHarvestJobCommand(jobInput('across-restart', endMs - 6_000, endMs)));
    // The origin stops first, so the job cannot see its last segment before it goes down.
    await mediaPackage.stop();
    await encoder.stop();
    expect(events.some((event) => event.detail.harvest_job.id === 'across-restart')).toBe(false);

    mediaPackage = await startOrigin();
    client.destroy();
    client = mediaPackageClient(mediaPackage.url);
    encoder = await startEncoder({ ingestUrl: mediaPackage.channels[0]?.ingestUrl ?? '', log: () => {} });

    const job = await finished('across-restart');
    expect(job.Status).toBe('SUCCEEDED');
    expect(events.filter((event) => event.detail.harvest_job.id === 'across-restart')).toHaveLength(1);
    const first = parseMedia((await store.get(BUCKET, 'harvests/across-restart/index_1.m3u8')).toString());
    expect(first.endlist).toBe(true);
    // ffmpeg 4.1's HLS demuxer cannot follow a discontinuity, so each segment is decoded on its own.
    for (const segment of first.segments) {
      expect(await decodeProblems(store.pathOf(BUCKET, `harvests/across-restart/${segment.uri}`))).toBe('');
    }
  });
});
