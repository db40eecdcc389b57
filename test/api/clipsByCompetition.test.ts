// The library query against the real local runtime and DynamoDB server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipsByCompetitionDocument, CreateClipDocument } from '../../generated/operations/graphql.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;
const competition = 'library';
const base = Date.now() - 30 * 60 * 1000;
// Five clips, one a minute apart, created out of order.
const starts = [2, 0, 4, 1, 3].map((minute) => new Date(base + minute * 60_000).toISOString());

beforeAll(async () => {
  api = await startApiForTests();
  for (const startTime of starts) {
    const endTime = new Date(Date.parse(startTime) + 10_000).toISOString();
    const { errors } = await api.request(CreateClipDocument, { input: { competition, startTime, endTime } });
    expect(errors).toBeUndefined();
  }
  await api.request(CreateClipDocument, { input: { competition: 'another-competition' } });
});

afterAll(async () => {
  await api?.stop();
});

const byStartDescending = [...starts].sort().reverse();

describe('clipsByCompetition', () => {
  it('lists a competition newest first, over three pages', async () => {
    const pages: string[][] = [];
    let nextToken: string | null | undefined;
    do {
      const { data, errors } = await api.request(ClipsByCompetitionDocument, { competition, limit: 2, nextToken });
      expect(errors).toBeUndefined();
      pages.push(data!.clipsByCompetition.items.map((clip) => clip.startTime));
      nextToken = data!.clipsByCompetition.nextToken;
    } while (nextToken);

    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(byStartDescending);
  });

  it('filters by start time with from and to, both inclusive', async () => {
    const { data } = await api.request(ClipsByCompetitionDocument, {
      competition,
      from: new Date(base + 60_000).toISOString(),
      to: new Date(base + 3 * 60_000).toISOString(),
    });

    expect(data!.clipsByCompetition.items.map((clip) => clip.startTime)).toEqual(byStartDescending.slice(1, 4));
  });

  it('returns an empty library for a competition without clips', async () => {
    const { data } = await api.request(ClipsByCompetitionDocument, { competition: 'nobody' });

    expect(data!.clipsByCompetition).toEqual({ items: [], nextToken: null, changesCursor: expect.any(String) });
  });

  it.each([
    { args: { limit: 0 }, field: 'limit' },
    { args: { limit: 101 }, field: 'limit' },
    { args: { from: new Date(base + 60_000).toISOString(), to: new Date(base).toISOString() }, field: 'to' },
  ])('refuses $args naming $field', async ({ args, field }) => {
    const { errors } = await api.request(ClipsByCompetitionDocument, { competition, ...args });

    expect(errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field } });
  });

  it('refuses a nextToken it did not hand out', async () => {
    const { errors } = await api.request(ClipsByCompetitionDocument, { competition, nextToken: 'not-a-token' });

    expect(errors).toHaveLength(1);
  });
});
