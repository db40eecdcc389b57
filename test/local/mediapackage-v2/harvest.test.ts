import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CancelHarvestJobCommand,
  ConflictException,
  CreateHarvestJobCommand,
  CreateOriginEndpointCommand,
  GetChannelCommand,
  GetHarvestJobCommand,
  ListHarvestJobsCommand,
  ResourceNotFoundException,
  ValidationException,
  type CreateHarvestJobCommandInput,
  type GetHarvestJobCommandOutput,
  type MediaPackageV2Client,
} from '@aws-sdk/client-mediapackagev2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEncoder, type Encoder } from '../../../local/encoder/index.ts';
import {
  createEventBus,
  HARVEST_JOB_V2_NOTIFICATION_PATTERN,
  type EventBus,
  type HarvestJobV2Notification,
} from '../../../local/eventbus/index.ts';
import { startMediaPackageV2, type MediaPackageV2 } from '../../../local/mediapackage-v2/index.ts';
import { createObjectStore, type ObjectStore } from '../../../local/objectstore/index.ts';
import { decodeProblems } from '../../support/decode.ts';
import { liveContent } from '../../support/liveContent.ts';
import { fetchText, parseMedia, parseMultivariant } from '../mediapackage/helpers.ts';
import { mediaPackageV2Client } from './helpers.ts';

const GROUP = 'live';
const CHANNEL = 'live';
const ENDPOINT = 'live-hls';
const BUCKET = 'clips';
const SEGMENT_S = 1;

let dir: string;
let bus: EventBus;
let store: ObjectStore;
let mediaPackage: MediaPackageV2;
let encoder: Encoder;
let client: MediaPackageV2Client;
const events: { event: HarvestJobV2Notification; at: number }[] = [];

function jobInput(name: string, startMs: number, endMs: number, extra: Partial<CreateHarvestJobCommandInput> = {}): CreateHarvestJobCommandInput {
  return {
    ChannelGroupName: GROUP,
    ChannelName: CHANNEL,
    OriginEndpointName: ENDPOINT,
    HarvestJobName: name,
    HarvestedManifests: { HlsManifests: [{ ManifestName: 'index' }] },
    ScheduleConfiguration: { StartTime: new Date(startMs), EndTime: new Date(endMs) },
    Destination: { S3Destination: { BucketName: BUCKET, DestinationPath: `harvests/${name}/` } },
    ...extra,
  };
}

const jobPath = (name: string) => ({ ChannelGroupName: GROUP, ChannelName: CHANNEL, OriginEndpointName: ENDPOINT, HarvestJobName: name });

const getJob = (name: string) => client.send(new GetHarvestJobCommand(jobPath(name)));

async function finished(name: string): Promise<GetHarvestJobCommandOutput> {
  await mediaPackage.idle();
  await bus.idle();
  return getJob(name);
}

const eventsOf = (name: string) => events.filter(({ event }) => event.detail.harvestJob.harvestJobName === name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mediapackage-v2-'));
  bus = createEventBus({ log: () => {} });
  bus.subscribe(HARVEST_JOB_V2_NOTIFICATION_PATTERN, async (event) => {
    events.push({ event: event as HarvestJobV2Notification, at: Date.now() });
  });
  store = createObjectStore({ root: path.join(dir, 'objects') });
  await startOriginAndEncoder();
  await liveContent(mediaPackage.channels[0]?.playbackUrl ?? '', 8);
});

/** The origin over this suite's directory (what it holds outlives it), and the encoder pushing to it. */
async function startOriginAndEncoder(): Promise<void> {
  mediaPackage = await startMediaPackageV2({
    dataDir: path.join(dir, 'mediapackage-v2'),
    objectStore: store,
    eventBus: bus,
    ingestGraceSeconds: 15,
    channels: [{ channelGroupName: GROUP, channelName: CHANNEL, originEndpointName: ENDPOINT, startoverWindowSeconds: 300 }],
    harvestFault: (job) => (job.harvestJobName.startsWith('faulty') ? 'There was no content available for the specified time window.' : undefined),
    log: () => {},
  });
  client = mediaPackageV2Client(mediaPackage.url);
  // The encoder pushes to the ingest URL GetChannel answers with, as MediaLive is configured.
  const channel = await client.send(new GetChannelCommand({ ChannelGroupName: GROUP, ChannelName: CHANNEL }));
  encoder = await startEncoder({ ingestUrl: channel.IngestEndpoints?.[0]?.Url ?? '', segmentSeconds: SEGMENT_S, log: () => {} });
}

afterAll(async () => {
  await encoder?.stop();
  await mediaPackage?.stop();
  bus?.stop();
  client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('local MediaPackage v2 live origin', () => {
  it('serves the live multivariant playlist and media playlists at the HlsManifest Url', async () => {
    const url = mediaPackage.channels[0]?.playbackUrl ?? '';
    expect(url).toBe(`${mediaPackage.url}/out/v1/${GROUP}/${CHANNEL}/${ENDPOINT}/index.m3u8`);
    const master = parseMultivariant((await fetchText(url)).text);
    expect(master.variants.map((variant) => variant.uri)).toEqual(['index_1.m3u8', 'index_2.m3u8']);
    const media = parseMedia((await fetchText(new URL('index_1.m3u8', url).toString())).text);
    expect(media.endlist).toBe(false);
    expect(media.segments[0]?.programDateTime).toBeInstanceOf(Date);
    const segment = await fetch(new URL(media.segments[0]?.uri ?? '', url));
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
  });

  it('serves a past range as VOD with start/end and with aws.manifestsettings', async () => {
    const end = Date.now() - 3_000;
    const start = end - 3_000;
    const media = mediaPackage.channels[0]?.playbackUrl.replace('index.m3u8', 'index_1.m3u8') ?? '';
    const plain = parseMedia((await fetchText(`${media}?start=${new Date(start).toISOString()}&end=${Math.floor(end / 1000)}`)).text);
    expect(plain.playlistType).toBe('VOD');
    expect(plain.endlist).toBe(true);
    expect(plain.segments[0]?.programDateTime?.getTime()).toBeLessThanOrEqual(start);
    const settings = encodeURIComponent(`start:${Math.floor(start / 1000)};end:${Math.floor(end / 1000)}`);
    const shifted = parseMedia((await fetchText(`${media}?aws.manifestsettings=${settings}`)).text);
    expect(shifted.playlistType).toBe('VOD');
    expect(shifted.segments.length).toBeGreaterThan(0);
    // Outside the 300 s startover window: refused, as MediaPackage answers it.
    expect((await fetch(`${media}?start=${Math.floor(Date.now() / 1000) - 400}`)).status).toBe(404);
  });

  it('serves an origin endpoint created over the API, with its own manifest name and window', async () => {
    const created = await client.send(
      new CreateOriginEndpointCommand({
        ChannelGroupName: GROUP,
        ChannelName: CHANNEL,
        OriginEndpointName: 'short',
        ContainerType: 'TS',
        StartoverWindowSeconds: 60,
        HlsManifests: [{ ManifestName: 'clip', ManifestWindowSeconds: 30 }],
      }),
    );
    const url = created.HlsManifests?.[0]?.Url ?? '';
    const master = parseMultivariant((await fetchText(url)).text);
    expect(master.variants.map((variant) => variant.uri)).toEqual(['clip_1.m3u8', 'clip_2.m3u8']);
    expect(parseMedia((await fetchText(new URL('clip_2.m3u8', url).toString())).text).segments.length).toBeGreaterThan(0);
  });
});

describe('harvest jobs over the MediaPackage v2 API', () => {
  it('harvests a past range into the object store, COMPLETED with one event in AWS shape', async () => {
    const endMs = Date.now() - 2_000;
    const startMs = endMs - 4_000;
    const created = await client.send(new CreateHarvestJobCommand(jobInput('past', startMs, endMs)));
    expect(created).toMatchObject({ HarvestJobName: 'past', Status: 'IN_PROGRESS', ChannelGroupName: GROUP, ETag: expect.any(String) });
    expect(created.ScheduleConfiguration?.StartTime?.getTime()).toBe(startMs);

    const job = await finished('past');
    expect(job.Status).toBe('COMPLETED');
    const master = parseMultivariant((await store.get(BUCKET, 'harvests/past/index.m3u8')).toString());
    expect(master.variants.map((variant) => variant.uri)).toEqual(['index_1.m3u8', 'index_2.m3u8']);
    for (const variant of master.variants) {
      const key = `harvests/past/${variant.uri}`;
      const media = parseMedia((await store.get(BUCKET, key)).toString());
      expect(media.playlistType).toBe('VOD');
      const total = media.segments.reduce((sum, segment) => sum + segment.duration, 0);
      expect(total).toBeGreaterThanOrEqual(4);
      expect(total).toBeLessThan(4 + 2 * SEGMENT_S + 0.5);
      expect(await decodeProblems(store.pathOf(BUCKET, key))).toBe('');
    }

    expect(eventsOf('past').map(({ event }) => event)).toEqual([
      {
        version: '0',
        id: expect.any(String),
        'detail-type': 'MediaPackageV2 HarvestJob Notification',
        source: 'aws.mediapackagev2',
        account: '000000000000',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        region: 'us-east-1',
        resources: [job.Arn],
        detail: {
          harvestJob: {
            harvestJobName: 'past',
            arn: 'arn:aws:mediapackagev2:us-east-1:000000000000:channelGroup/live/channel/live/originEndpoint/live-hls/harvestJob/past',
            status: 'COMPLETED',
            channelGroupName: GROUP,
            channelName: CHANNEL,
            originEndpointName: ENDPOINT,
            scheduleConfiguration: {
              startTime: new Date(startMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
              endTime: new Date(endMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            },
            destination: { s3Destination: { bucketName: BUCKET, destinationPath: 'harvests/past/' } },
            harvestedManifests: { hlsManifests: [{ manifestName: 'index' }] },
            message: 'Your harvest job is complete.',
          },
        },
      },
    ]);
  });

  it('keeps a job ending 10 s ahead IN_PROGRESS until its end has streamed, then completes it', async () => {
    const endMs = Date.now() + 10_000;
    await client.send(new CreateHarvestJobCommand(jobInput('ahead', endMs - 14_000, endMs)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await getJob('ahead')).Status).toBe('IN_PROGRESS');
    expect(await store.head(BUCKET, 'harvests/ahead/index.m3u8')).toBeUndefined();

    const job = await finished('ahead');
    expect(job.Status).toBe('COMPLETED');
    const [completed] = eventsOf('ahead');
    expect(completed?.event.detail.harvestJob.status).toBe('COMPLETED');
    // Shortly after its end: the last segment's upload plus the harvest, not the ingest grace.
    expect((completed?.at ?? Infinity) - endMs).toBeLessThan(8_000);
    const media = parseMedia((await store.get(BUCKET, 'harvests/ahead/index_1.m3u8')).toString());
    const last = media.segments[media.segments.length - 1];
    expect((last?.programDateTime?.getTime() ?? 0) + (last?.duration ?? 0) * 1000).toBeGreaterThanOrEqual(endMs);
  });

  it('runs 10 jobs of a channel group at once and queues the rest, which start in order and complete', async () => {
    const endMs = Date.now() + 3_000;
    const names = Array.from({ length: 12 }, (_, index) => `quota-${String(index + 1).padStart(2, '0')}`);
    const created = [];
    for (const name of names) created.push(await client.send(new CreateHarvestJobCommand(jobInput(name, endMs - 5_000, endMs))));
    expect(created.map((job) => job.Status)).toEqual([...Array<string>(10).fill('IN_PROGRESS'), 'QUEUED', 'QUEUED']);
    const queued = await client.send(new ListHarvestJobsCommand({ ChannelGroupName: GROUP, Status: 'QUEUED' }));
    expect(queued.Items?.map((job) => job.HarvestJobName)).toEqual(['quota-11', 'quota-12']);

    await mediaPackage.idle();
    await bus.idle();
    const jobs = await Promise.all(names.map(getJob));
    expect(jobs.map((job) => job.Status)).toEqual(Array<string>(12).fill('COMPLETED'));
    // The queued two started (and so finished) only once running jobs had finished.
    const order = events.map(({ event }) => event.detail.harvestJob.harvestJobName).filter((name) => names.includes(name));
    expect(order.slice(10).sort()).toEqual(['quota-11', 'quota-12']);
    for (const name of names) expect(await store.head(BUCKET, `harvests/${name}/index.m3u8`)).toBeDefined();
  });

  it('cancels a job in progress: CANCELLED, nothing written, no event', async () => {
    const endMs = Date.now() + 20_000;
    const created = await client.send(new CreateHarvestJobCommand(jobInput('cancelled', endMs - 22_000, endMs)));
    expect(created.Status).toBe('IN_PROGRESS');
    await client.send(new CancelHarvestJobCommand({ ...jobPath('cancelled'), ETag: created.ETag }));
    const job = await finished('cancelled');
    expect(job.Status).toBe('CANCELLED');
    expect(job.ETag).not.toBe(created.ETag);
    expect(await store.list(BUCKET, 'harvests/cancelled/')).toEqual([]);
    expect(eventsOf('cancelled')).toEqual([]);
    // Cancelled is final: a second cancel is refused as for any finished job.
    await expect(client.send(new CancelHarvestJobCommand(jobPath('cancelled')))).rejects.toMatchObject({
      name: 'ValidationException',
      ValidationExceptionType: 'HARVEST_JOB_INELIGIBLE_FOR_CANCELLATION',
    });
  });

  it('refuses to cancel with a stale ETag (ConflictException) and a finished job (ValidationException)', async () => {
    const endMs = Date.now() - 1_000;
    const created = await client.send(new CreateHarvestJobCommand(jobInput('done', endMs - 3_000, endMs)));
    expect((await finished('done')).Status).toBe('COMPLETED');
    const stale = client.send(new CancelHarvestJobCommand({ ...jobPath('done'), ETag: created.ETag }));
    await expect(stale).rejects.toBeInstanceOf(ConflictException);
    await expect(stale).rejects.toMatchObject({ $metadata: { httpStatusCode: 409 } });
    const late = client.send(new CancelHarvestJobCommand(jobPath('done')));
    await expect(late).rejects.toBeInstanceOf(ValidationException);
    await expect(late).rejects.toMatchObject({ ValidationExceptionType: 'HARVEST_JOB_INELIGIBLE_FOR_CANCELLATION', $metadata: { httpStatusCode: 400 } });
    expect((await getJob('done')).Status).toBe('COMPLETED');
  });

  it('returns the first job for a repeated ClientToken and refuses the token with another request', async () => {
    const endMs = Date.now() - 1_000;
    const input = jobInput('token', endMs - 3_000, endMs, { ClientToken: 'retry-me' });
    const first = await client.send(new CreateHarvestJobCommand(input));
    const again = await client.send(new CreateHarvestJobCommand(input));
    expect(again).toMatchObject({ HarvestJobName: 'token', Arn: first.Arn, CreatedAt: first.CreatedAt });
    await expect(client.send(new CreateHarvestJobCommand({ ...input, HarvestJobName: 'token-2' }))).rejects.toMatchObject({
      name: 'ConflictException',
      ConflictExceptionType: 'IDEMPOTENT_PARAMETER_MISMATCH',
    });
    expect((await finished('token')).Status).toBe('COMPLETED');
    const listed = await client.send(new ListHarvestJobsCommand({ ChannelGroupName: GROUP, ChannelName: CHANNEL }));
    expect(listed.Items?.filter((job) => job.HarvestJobName?.startsWith('token'))).toHaveLength(1);
    expect(eventsOf('token')).toHaveLength(1);
  });

  it('fails a job through the fault hook, with the FAILED event carrying its message', async () => {
    const endMs = Date.now() - 1_000;
    await client.send(new CreateHarvestJobCommand(jobInput('faulty', endMs - 3_000, endMs)));
    const job = await finished('faulty');
    expect(job).toMatchObject({ Status: 'FAILED', ErrorMessage: 'There was no content available for the specified time window.' });
    expect(eventsOf('faulty').map(({ event }) => event.detail.harvestJob)).toEqual([
      expect.objectContaining({ status: 'FAILED', message: 'There was no content available for the specified time window.' }),
    ]);
  });

  it.each([
    ['a start in the future', () => jobInput('bad', Date.now() + 5_000, Date.now() + 10_000), 'MEMBER_INVALID', /StartTime .* must be in the past/],
    ['an end before the start', () => jobInput('bad', Date.now() - 2_000, Date.now() - 4_000), 'END_TIME_EARLIER_THAN_START_TIME', /EndTime/],
    ['more than 24 hours', () => jobInput('bad', Date.now() - 1_000, Date.now() + 25 * 3600_000), 'INVALID_HARVEST_JOB_DURATION', /24 hours/],
    ['a start before the startover window', () => jobInput('bad', Date.now() - 400_000, Date.now() - 390_000), 'MEMBER_INVALID', /startover window/],
    [
      'a manifest the endpoint lacks',
      () => jobInput('bad', Date.now() - 4_000, Date.now() - 2_000, { HarvestedManifests: { HlsManifests: [{ ManifestName: 'other' }] } }),
      'HARVESTED_MANIFEST_NOT_FOUND_ON_ENDPOINT',
      /other/,
    ],
    [
      'no destination path',
      () => jobInput('bad', Date.now() - 4_000, Date.now() - 2_000, { Destination: { S3Destination: { BucketName: BUCKET, DestinationPath: undefined } } }),
      'HARVEST_JOB_S3_DESTINATION_MISSING_OR_INCOMPLETE',
      /DestinationPath/,
    ],
  ])('refuses %s with a ValidationException naming the field', async (_name, input, type, message) => {
    const attempt = client.send(new CreateHarvestJobCommand(input()));
    await expect(attempt).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt).rejects.toMatchObject({ ValidationExceptionType: type, message: expect.stringMatching(message), $metadata: { httpStatusCode: 400 } });
  });

  it('refuses unknown resources, a duplicate name, and answers Get and Cancel of unknown jobs with 404', async () => {
    const now = Date.now();
    await expect(client.send(new CreateHarvestJobCommand({ ...jobInput('x', now - 4_000, now - 2_000), OriginEndpointName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceTypeNotFound: 'ORIGIN_ENDPOINT',
    });
    await expect(client.send(new CreateHarvestJobCommand(jobInput('past', now - 4_000, now - 2_000)))).rejects.toMatchObject({
      name: 'ConflictException',
      ConflictExceptionType: 'RESOURCE_ALREADY_EXISTS',
    });
    await expect(getJob('never')).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new CancelHarvestJobCommand(jobPath('never')))).rejects.toMatchObject({ ResourceTypeNotFound: 'HARVEST_JOB' });
  });

  it('lists jobs by channel, endpoint and status, page by page', async () => {
    const completed = await client.send(new ListHarvestJobsCommand({ ChannelGroupName: GROUP, Status: 'COMPLETED' }));
    const ids = completed.Items?.map((job) => job.HarvestJobName) ?? [];
    expect(ids).toEqual(expect.arrayContaining(['past', 'ahead', 'quota-01', 'quota-12', 'done', 'token']));
    expect(ids).not.toContain('cancelled');

    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListHarvestJobsCommand({ ChannelGroupName: GROUP, Status: 'COMPLETED', MaxResults: 5, NextToken: token }));
      expect(page.Items?.length).toBeLessThanOrEqual(5);
      paged.push(...(page.Items?.map((job) => job.HarvestJobName ?? '') ?? []));
      token = page.NextToken;
    } while (token);
    expect(paged).toEqual(ids);
    expect((await client.send(new ListHarvestJobsCommand({ ChannelGroupName: GROUP, OriginEndpointName: 'short' }))).Items).toEqual([]);
    expect((await client.send(new ListHarvestJobsCommand({ ChannelGroupName: GROUP, Status: 'CANCELLED' }))).Items?.map((job) => job.HarvestJobName)).toEqual([
      'cancelled',
    ]);
    await expect(client.send(new ListHarvestJobsCommand({ ChannelGroupName: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps its jobs across a restart and finishes one that was in progress, with one event', async () => {
    const endMs = Date.now() + 1_500;
    await client.send(new CreateHarvestJobCommand(jobInput('across-restart', endMs - 4_000, endMs)));
    // The origin stops first, so the job cannot see its last segment before it goes down.
    await mediaPackage.stop();
    await encoder.stop();
    client.destroy();
    expect(eventsOf('across-restart')).toEqual([]);

    await startOriginAndEncoder();

    expect((await getJob('past')).Status).toBe('COMPLETED');
    await expect.poll(async () => (await getJob('across-restart')).Status, { timeout: 30_000, interval: 250 }).toBe('COMPLETED');
    await bus.idle();
    expect(eventsOf('across-restart')).toHaveLength(1);
    expect(await store.list(BUCKET, 'harvests/across-restart/')).not.toEqual([]);
  });
});
