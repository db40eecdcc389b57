// createClip's per-caller rate limit against the running local home, at a small limit: the caller
// past it is refused with when to retry and nothing is written, another caller is not held back,
// and the counter item stays out of everything apps and the backend read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ClipChangesDocument, ClipsByCompetitionDocument, CompetitionsDocument, CreateClipDocument } from '../../generated/operations/graphql.ts';
import { RATE_PARTITION } from '../../contracts/createClipRate.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

const LIMIT = 3;
const WINDOW_SECONDS = 600;
let api: ApiForTests;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  api = await startApiForTests({ createClipRate: { limit: LIMIT, windowSeconds: WINDOW_SECONDS } });
  dynamodb = new DynamoDBClient({ endpoint: api.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  dynamodb?.destroy();
  await api?.stop();
});

async function tableItems(): Promise<Record<string, unknown>[]> {
  return ((await dynamodb.send(new ScanCommand({ TableName: 'clips' }))).Items ?? []).map((item) => unmarshall(item));
}

describe('createClip rate limit per caller', () => {
  it('refuses the caller past the limit with when to retry, writing nothing, and lets another caller create', async () => {
    const before = Date.now();
    const created = await Promise.all(Array.from({ length: LIMIT }, () => api.request(CreateClipDocument, { input: { competition: 'rated' } })));
    expect(created.map((answer) => answer.errors)).toEqual(Array.from({ length: LIMIT }, () => undefined));
    const itemsAtLimit = await tableItems();

    const refused = await api.request(CreateClipDocument, { input: { competition: 'rated', title: 'one too many' } });

    expect(refused.data?.createClip ?? null).toBeNull();
    const [error] = refused.errors!;
    expect(error).toMatchObject({ errorType: 'RateLimitError', errorInfo: { limit: LIMIT, windowSeconds: WINDOW_SECONDS } });
    const { retryAfterSeconds } = error!.errorInfo as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    // The retry time is the end of the window the caller's count is in.
    const windowEnd = (Math.floor(before / 1000 / WINDOW_SECONDS) + 1) * WINDOW_SECONDS;
    expect(Math.abs(Math.floor(Date.now() / 1000) + retryAfterSeconds - windowEnd)).toBeLessThanOrEqual(2);
    expect(error!.message).toBe(`createClip: at most ${LIMIT} clips per ${WINDOW_SECONDS} seconds per caller: retry in ${retryAfterSeconds} seconds`);
    expect(await tableItems()).toEqual(itemsAtLimit);
    expect(api.mediaPackage.harvestJobs.filter((job) => job.id.startsWith('rated_'))).toHaveLength(LIMIT);

    const editor = await api.requestAs({ username: 'ana', groups: ['editors'] }, CreateClipDocument, { input: { competition: 'rated' } });
    expect(editor.errors).toBeUndefined();
    expect(editor.data!.createClip.createdBy).toBe('ana');
  });

  it('keeps the counters out of the library, its changes, the competitions and the sweeper, and expires them with their window', async () => {
    const counters = (await tableItems()).filter((item) => item['competition'] === RATE_PARTITION);
    expect(counters.map((counter) => counter['count']).sort()).toEqual([1, LIMIT]);
    for (const counter of counters) {
      // No status, updatedAt or in-flight attributes: no index, sweeper or expiry handler sees it.
      expect(Object.keys(counter).sort()).toEqual(['clipId', 'competition', 'count', 'expiresAt']);
      expect(counter['expiresAt']).toBeGreaterThan(Date.now() / 1000);
      expect(counter['expiresAt']).toBeLessThanOrEqual(Date.now() / 1000 + WINDOW_SECONDS);
    }

    const library = await api.request(ClipsByCompetitionDocument, { competition: 'rated' });
    expect(library.data!.clipsByCompetition.items).toHaveLength(LIMIT + 1);
    const changes = await api.request(ClipChangesDocument, { competition: 'rated', since: Buffer.from(`c1|${new Date(Date.now() - 60_000).toISOString()}||`).toString('base64') });
    expect(changes.errors).toBeUndefined();
    expect(changes.data!.clipChanges.items.every((clip) => clip.competition === 'rated')).toBe(true);
    const competitions = await api.request(CompetitionsDocument, {});
    expect(competitions.data!.competitions.map((competition) => competition.id)).not.toContain(RATE_PARTITION);
    // The partition is outside the competition ids, so no app can list or edit the counters.
    const byName = await api.request(ClipsByCompetitionDocument, { competition: RATE_PARTITION });
    expect(byName.errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'competition' } });
  });
});
