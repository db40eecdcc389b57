// Query.competitions against the real local runtime and DynamoDB server: the configured channels
// are listed before any clip, a competition appears with its first clip (with the default
// channel's live URL unless it has its own), and entries past retention are not listed.
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitionRegistryKey } from '../../contracts/competitions.ts';
import { ClipDocument, CompetitionsDocument, CreateClipDocument, type CompetitionsQuery } from '../../generated/operations/graphql.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;

beforeAll(async () => {
  api = await startApiForTests();
});

afterAll(async () => {
  await api?.stop();
});

async function competitions(): Promise<CompetitionsQuery['competitions']> {
  const { data, errors } = await api.request(CompetitionsDocument, {});
  expect(errors).toBeUndefined();
  return data!.competitions;
}

const liveUrl = (endpoint: string) => expect.stringMatching(new RegExp(`/out/v1/${endpoint}/index\\.m3u8$`));

describe('competitions', () => {
  it('lists the configured channels before any clip, each with its live playback URL', async () => {
    const listed = await competitions();

    expect(listed).toEqual([
      { id: 'arena-2', livePlaybackUrl: liveUrl('arena-2-hls'), hasOwnChannel: true, lastClipAt: null },
      { id: 'arena-2-final', livePlaybackUrl: liveUrl('arena-2-hls'), hasOwnChannel: true, lastClipAt: null },
      { id: 'live', livePlaybackUrl: liveUrl('live-hls'), hasOwnChannel: true, lastClipAt: null },
    ]);
  });

  it('lists a competition with its first clip, on the default channel, and keeps its newest clip time', async () => {
    const first = (await api.request(CreateClipDocument, { input: { competition: 'heats' } })).data!.createClip;
    const newest = (await api.request(CreateClipDocument, { input: { competition: 'heats' } })).data!.createClip;
    await api.request(CreateClipDocument, { input: { competition: 'arena-2-final' } });

    const listed = await competitions();

    expect(listed.find((competition) => competition.id === 'heats')).toEqual({
      id: 'heats',
      livePlaybackUrl: liveUrl('live-hls'),
      hasOwnChannel: false,
      lastClipAt: newest.createdAt,
    });
    expect(newest.createdAt >= first.createdAt).toBe(true);
    expect(listed.find((competition) => competition.id === 'arena-2-final')).toMatchObject({ hasOwnChannel: true, lastClipAt: expect.any(String) });
    expect(listed.map((competition) => competition.id)).toEqual([...listed.map((competition) => competition.id)].sort());
  });

  it('registers a competition once for a retried clientToken', async () => {
    const input = { competition: 'retries', clientToken: 'retried-token-1' };
    const clip = (await api.request(CreateClipDocument, { input })).data!.createClip;
    const again = (await api.request(CreateClipDocument, { input })).data!.createClip;

    expect(again.clipId).toBe(clip.clipId);
    expect((await competitions()).filter((competition) => competition.id === 'retries')).toEqual([
      { id: 'retries', livePlaybackUrl: liveUrl('live-hls'), hasOwnChannel: false, lastClipAt: clip.createdAt },
    ]);
  });

  it('leaves out a competition whose newest clip is past retention, before and after time to live deletes its entry', async () => {
    const clip = (await api.request(CreateClipDocument, { input: { competition: 'bygone' } })).data!.createClip;
    const dynamodb = new DynamoDBClient({ endpoint: api.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const Key = marshall(competitionRegistryKey('bygone'));
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'clips',
        Key,
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: marshall({ ':past': Math.floor(Date.now() / 1000) - 1 }),
      }),
    );

    // DynamoDB deletes expired items up to days late: the query filters them out meanwhile.
    expect((await competitions()).map((competition) => competition.id)).not.toContain('bygone');
    expect(await api.timeToLive.sweep()).toBe(1);
    expect((await dynamodb.send(new GetItemCommand({ TableName: 'clips', Key }))).Item).toBeUndefined();
    // The expiry handler passes the registry entry by: the clip itself expires on its own time.
    expect((await api.request(ClipDocument, { competition: 'bygone', clipId: clip.clipId })).data?.clip).toMatchObject({ status: clip.status });
    dynamodb.destroy();
  });
});
