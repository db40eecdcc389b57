// MediaPackage v1 and v2 channels side by side in one local home: each competition's clip is
// harvested by its own channel's version (a v2 job is named by path, a v1 job by id), and both
// arrive READY through the same handlers; a retried createClip starts no second v2 job.
import { ListHarvestJobsCommand, MediaPackageV2Client } from '@aws-sdk/client-mediapackagev2';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClipDocument, CompetitionsDocument, CreateClipDocument } from '../../generated/operations/graphql.ts';
import { graphqlRequest } from '../../local/client/graphqlRequest.ts';
import { startLocalHome, type LocalHome } from '../../local/home/index.ts';
import { liveContent } from '../support/liveContent.ts';

const CLIP_SECONDS = 6;
let home: LocalHome;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'side-by-side-'));
  home = await startLocalHome({
    dataDir,
    channels: [
      { id: 'live', originEndpointId: 'live-hls' },
      { id: 'arena-1', originEndpointId: 'arena-1-hls', version: 'v1', competitions: ['heats'] },
    ],
    sweepIntervalMs: 'off',
    startoverWindowSeconds: 300,
    log: () => {},
  });
  for (const channel of home.channels) await liveContent(channel.playbackUrl, CLIP_SECONDS + 2);
}, 120_000);

afterAll(async () => {
  await home?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const request = <T, V>(document: Parameters<typeof graphqlRequest<T, V>>[2], variables: V) =>
  graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, document, variables);

it('clips a v2 competition and a v1 one in one home, each from its own channel, both READY', async () => {
  const end = Date.now();
  const input = (competition: string) => ({ competition, startTime: new Date(end - CLIP_SECONDS * 1000).toISOString(), endTime: new Date(end).toISOString() });
  const clips = await Promise.all(['live', 'heats'].map(async (competition) => (await request(CreateClipDocument, { input: input(competition) })).data!.createClip));

  for (const clip of clips) {
    await expect
      .poll(async () => (await request(ClipDocument, { competition: clip.competition, clipId: clip.clipId })).data?.clip?.status, { timeout: 60_000, interval: 250 })
      .toBe('READY');
  }
  const store = home.api.handlerServices.store();
  const [v2Clip, v1Clip] = await Promise.all(clips.map((clip) => store.get(clip)));
  expect(v2Clip?.harvestJobId).toBe(`v2:live/live/live-hls/live_${clips[0]!.clipId}`);
  expect(v1Clip?.harvestJobId).toBe(`heats_${clips[1]!.clipId}`);
  expect(clips[0]!.previewUrl).toContain('/out/v1/live/live/live-hls/');
  expect(clips[1]!.previewUrl).toContain('/out/v1/arena-1-hls/');

  const { competitions } = (await request(CompetitionsDocument, {})).data!;
  expect(competitions.filter((competition) => ['live', 'heats', 'arena-1'].includes(competition.id)).map((competition) => [competition.id, competition.livePlaybackUrl])).toEqual([
    ['arena-1', home.channels[1]!.playbackUrl],
    ['heats', home.channels[1]!.playbackUrl],
    ['live', home.channels[0]!.playbackUrl],
  ]);
});

it('starts one v2 job for a createClip retried with its clientToken', async () => {
  const end = Date.now();
  const input = { competition: 'live', clientToken: 'retried-v2', startTime: new Date(end - 4_000).toISOString(), endTime: new Date(end).toISOString() };
  const first = (await request(CreateClipDocument, { input })).data!.createClip;
  const again = (await request(CreateClipDocument, { input })).data!.createClip;

  expect(again.clipId).toBe(first.clipId);
  const client = new MediaPackageV2Client({ endpoint: home.mediaPackageV2.url, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const jobs = await client.send(new ListHarvestJobsCommand({ ChannelGroupName: 'live', ChannelName: 'live' }));
  client.destroy();
  expect(jobs.Items?.filter((job) => job.HarvestJobName?.endsWith(first.clipId))).toHaveLength(1);
});
