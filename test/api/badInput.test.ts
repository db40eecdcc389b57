// Bad input across every operation, from outside, against the running local home: each case gets
// an error that names the field (or argument) and the rule, and a scan of the clip table and a
// listing of the clips bucket taken before and after show that nothing was written.
// - Resolver validation answers errorType ValidationError with errorInfo.field and a message that
//   starts with that field.
// - GraphQL validation and variable coercion (before any resolver runs) answer a request error
//   whose message names the argument or field.
// - Request-level refusals (body size, a body that is not GraphQL) answer AppSync's 4xx bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { print } from 'graphql';
import {
  CancelClipDocument,
  ClipChangesDocument,
  ClipDocument,
  ClipsByCompetitionDocument,
  CreateClipDocument,
  DeleteClipDocument,
  OnClipReadyDocument,
  OnClipUpdatedDocument,
  UpdateClipDocument,
  type ClipFieldsFragment,
} from '../../generated/operations/graphql.ts';
import { CLIPS_BUCKET } from '../../local/home/index.ts';
import { subscribe } from '../../local/client/realtimeSubscriber.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;
let dynamodb: DynamoDBClient;
/** A real clip, so that cases aimed at it show that a refused edit leaves it as it was. */
let target: ClipFieldsFragment;

beforeAll(async () => {
  api = await startApiForTests();
  dynamodb = new DynamoDBClient({ endpoint: api.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const created = await api.request(CreateClipDocument, { input: { competition: 'bad-input', title: 'kept' } });
  target = created.data!.createClip;
});

afterAll(async () => {
  dynamodb?.destroy();
  await api?.stop();
});

const at = (secondsFromNow: number, now = Date.now()) => new Date(now + secondsFromNow * 1000).toISOString();
/** Both ends from one instant: two clock reads a millisecond apart made "end equal to start" a 1 ms clip. */
const range = (startSeconds: number, endSeconds: number) => {
  const now = Date.now();
  return { startTime: at(startSeconds, now), endTime: at(endSeconds, now) };
};
const cursor = (text: string) => Buffer.from(text).toString('base64');

/** What a refusal must look like. */
type Refusal =
  | { resolver: string }
  | { graphql: RegExp }
  | { http: { status: number; errorType: string; message: RegExp } };

interface BadInput {
  operation: string;
  why: string;
  /** The request body's query; a subscription goes over the real-time endpoint. */
  query: string;
  /** Made when the case runs, so times are relative to then and the target clip exists. */
  variables?: () => Record<string, unknown>;
  /** Sent as the whole HTTP body instead of `{ query, variables }`. */
  rawBody?: () => string;
  refusal: Refusal;
}

const createClip = print(CreateClipDocument);
const updateClip = print(UpdateClipDocument);
const deleteClip = print(DeleteClipDocument);
const cancelClip = print(CancelClipDocument);
const clip = print(ClipDocument);
const clipsByCompetition = print(ClipsByCompetitionDocument);
const clipChanges = print(ClipChangesDocument);
const onClipReady = print(OnClipReadyDocument);
const onClipUpdated = print(OnClipUpdatedDocument);

// Inputs with times are functions, made when the case runs: made when the file loads, a slow
// start of the home would let "in the future" pass into the past before the request.
const create = (input: Record<string, unknown> | (() => Record<string, unknown>), refusal: Refusal, why: string): BadInput => ({
  operation: 'createClip',
  why,
  query: createClip,
  variables: () => ({ input: { competition: 'bad-input', ...(typeof input === 'function' ? input() : input) } }),
  refusal,
});
const field = (name: string): Refusal => ({ resolver: name });

const cases: BadInput[] = [
  // createClip: the time rules (resolvers/lib/clipRules.ts)
  create(() => range(-10, -20), field('input.endTime'), 'end before start'),
  create(() => range(-10, -10), field('input.endTime'), 'end equal to start'),
  // This home's channels are v1's: an end ahead of now is refused, saying why (v2 takes it).
  create(() => range(-10, 60), field('input.endTime'), 'end in the future on a v1 channel'),
  create(() => range(-10, 301), field('input.endTime'), 'end beyond MAX_FUTURE_END_SECONDS'),
  create(() => range(120, 180), field('input.startTime'), 'start in the future'),
  create(() => range(-3 * 24 * 3600, -3 * 24 * 3600 + 60), field('input.startTime'), 'start older than the startover window'),
  create(() => range(-25 * 3600, -60), field('input.endTime'), 'longer than 24 h'),
  create({ startTime: 'yesterday' }, { graphql: /^Variable 'input' has an invalid value\. .*yesterday/ }, 'startTime not an AWSDateTime'),
  create({ endTime: '2026-12-06' }, { graphql: /^Variable 'input' has an invalid value\. .*2026-12-06/ }, 'endTime a date without a time'),
  create({ startTime: '2026-12-06T10:00:00' }, { graphql: /^Variable 'input' has an invalid value\. .*2026-12-06T10:00:00/ }, 'startTime without a zone offset'),
  // createClip: ids and text
  create({ competition: '../clips' }, field('input.competition'), 'competition with a path'),
  create({ competition: 'a/b' }, field('input.competition'), 'competition with a slash'),
  create({ competition: 'a\u0000b' }, field('input.competition'), 'competition with a NUL'),
  create({ competition: 'line\nbreak' }, field('input.competition'), 'competition with a newline'),
  create({ competition: '' }, field('input.competition'), 'empty competition'),
  create({ competition: 'x'.repeat(129) }, field('input.competition'), 'competition over 128 characters'),
  create({ competition: '~competitions' }, field('input.competition'), 'the competitions registry partition as a competition'),
  create({ title: 'x'.repeat(201) }, field('input.title'), 'title over 200 characters'),
  create({ title: 'x'.repeat(1_000_000) }, field('input.title'), 'a one-megabyte title'),
  create({ description: 'x'.repeat(2001) }, field('input.description'), 'description over 2000 characters'),
  create({ clientToken: 'two words' }, field('input.clientToken'), 'clientToken with a space'),
  create({ clientToken: 'tab\u0009' }, field('input.clientToken'), 'clientToken with a control character'),
  create({ clientToken: 'x'.repeat(65) }, field('input.clientToken'), 'clientToken over 64 characters'),
  // createClip: GraphQL types and shapes
  create({ title: 42 }, { graphql: /^Variable .\$?input.*title/ }, 'title a number'),
  create({ competition: { id: 'x' } }, { graphql: /^Variable .\$?input.*competition/ }, 'competition an object'),
  create({ bogus: true }, { graphql: /bogus/ }, 'an unknown input field'),
  {
    operation: 'createClip',
    why: 'no competition',
    query: createClip,
    variables: () => ({ input: { title: 'no competition' } }),
    refusal: { graphql: /competition/ },
  },
  {
    operation: 'createClip',
    why: 'an unknown argument',
    query: 'mutation { createClip(input: { competition: "bad-input" }, priority: 1) { clipId } }',
    refusal: { graphql: /priority/ },
  },

  // updateClip
  {
    operation: 'updateClip',
    why: 'clipId with a path',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: '../../etc/passwd', title: 'x', expectedUpdatedAt: target.updatedAt } }),
    refusal: field('input.clipId'),
  },
  {
    operation: 'updateClip',
    why: 'clipId with control characters',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: `${target.clipId}\r\n`, title: 'x', expectedUpdatedAt: target.updatedAt } }),
    refusal: field('input.clipId'),
  },
  {
    operation: 'updateClip',
    why: 'title over 200 characters',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: target.clipId, title: 'x'.repeat(201), expectedUpdatedAt: target.updatedAt } }),
    refusal: field('input.title'),
  },
  {
    operation: 'updateClip',
    why: 'description over 2000 characters',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: target.clipId, description: 'x'.repeat(2001), expectedUpdatedAt: target.updatedAt } }),
    refusal: field('input.description'),
  },
  {
    operation: 'updateClip',
    why: 'nothing to change',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: target.clipId, expectedUpdatedAt: target.updatedAt } }),
    refusal: field('input'),
  },
  {
    operation: 'updateClip',
    why: 'expectedUpdatedAt not an AWSDateTime',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: target.clipId, title: 'x', expectedUpdatedAt: 'now' } }),
    refusal: { graphql: /^Variable 'input' has an invalid value\. .*now/ },
  },
  {
    operation: 'updateClip',
    why: 'an input field updateClip does not take (status)',
    query: updateClip,
    variables: () => ({ input: { competition: 'bad-input', clipId: target.clipId, status: 'READY', expectedUpdatedAt: target.updatedAt } }),
    refusal: { graphql: /status/ },
  },

  // deleteClip and cancelClip
  { operation: 'deleteClip', why: 'clipId with a path', query: deleteClip, variables: () => ({ competition: 'bad-input', clipId: '../../../etc' }), refusal: field('clipId') },
  { operation: 'deleteClip', why: 'clipId with a NUL', query: deleteClip, variables: () => ({ competition: 'bad-input', clipId: `${target.clipId}\u0000` }), refusal: field('clipId') },
  { operation: 'deleteClip', why: 'competition with a slash', query: deleteClip, variables: () => ({ competition: 'bad/input', clipId: target.clipId }), refusal: field('competition') },
  { operation: 'cancelClip', why: 'clipId with a path', query: cancelClip, variables: () => ({ competition: 'bad-input', clipId: `${target.clipId}/../x` }), refusal: field('clipId') },
  { operation: 'cancelClip', why: 'competition with a control character', query: cancelClip, variables: () => ({ competition: 'bad\u0007input', clipId: target.clipId }), refusal: field('competition') },
  { operation: 'cancelClip', why: 'clipId a list', query: cancelClip, variables: () => ({ competition: 'bad-input', clipId: [target.clipId] }), refusal: { graphql: /^Variable .\$?clipId/ } },

  // clip
  { operation: 'clip', why: 'clipId with a path', query: clip, variables: () => ({ competition: 'bad-input', clipId: '../bad-input' }), refusal: field('clipId') },
  { operation: 'clip', why: 'competition with a path', query: clip, variables: () => ({ competition: '../x', clipId: target.clipId }), refusal: field('competition') },
  { operation: 'clip', why: 'the registry partition as a competition', query: clip, variables: () => ({ competition: '~competitions', clipId: target.clipId }), refusal: field('competition') },

  // clipsByCompetition
  { operation: 'clipsByCompetition', why: 'limit 0', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', limit: 0 }), refusal: field('limit') },
  { operation: 'clipsByCompetition', why: 'negative limit', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', limit: -1 }), refusal: field('limit') },
  { operation: 'clipsByCompetition', why: 'huge limit', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', limit: 1_000_000 }), refusal: field('limit') },
  { operation: 'clipsByCompetition', why: 'limit beyond a 32-bit Int', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', limit: 2 ** 31 }), refusal: { graphql: /^Variable .\$?limit/ } },
  { operation: 'clipsByCompetition', why: 'limit a string', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', limit: '10' }), refusal: { graphql: /^Variable .\$?limit/ } },
  { operation: 'clipsByCompetition', why: 'a forged nextToken', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', nextToken: 'eyJmb3JnZWQiOnRydWV9' }), refusal: field('nextToken') },
  { operation: 'clipsByCompetition', why: 'from after to', query: clipsByCompetition, variables: () => { const { startTime, endTime } = range(-10, -20); return { competition: 'bad-input', from: startTime, to: endTime }; }, refusal: field('to') },
  { operation: 'clipsByCompetition', why: 'status DELETED', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', status: 'DELETED' }), refusal: field('status') },
  { operation: 'clipsByCompetition', why: 'a status that does not exist', query: clipsByCompetition, variables: () => ({ competition: 'bad-input', status: 'GONE' }), refusal: { graphql: /^Variable .\$?status/ } },
  { operation: 'clipsByCompetition', why: 'competition with a path', query: clipsByCompetition, variables: () => ({ competition: '..', limit: 5 }), refusal: field('competition') },

  // clipChanges
  { operation: 'clipChanges', why: 'a forged since cursor', query: clipChanges, variables: () => ({ competition: 'bad-input', since: 'not-a-cursor!' }), refusal: field('since') },
  { operation: 'clipChanges', why: 'a cursor of an unknown version', query: clipChanges, variables: () => ({ competition: 'bad-input', since: cursor(`c9|${at(-60)}||`) }), refusal: field('since') },
  { operation: 'clipChanges', why: 'a cursor from the future', query: clipChanges, variables: () => ({ competition: 'bad-input', since: cursor(`c1|${at(3600)}||`) }), refusal: field('since') },
  { operation: 'clipChanges', why: 'limit 0', query: clipChanges, variables: () => ({ competition: 'bad-input', since: cursor(`c1|${at(-60)}||`), limit: 0 }), refusal: field('limit') },
  { operation: 'clipChanges', why: 'competition with a NUL', query: clipChanges, variables: () => ({ competition: '\u0000', since: cursor(`c1|${at(-60)}||`) }), refusal: field('competition') },

  // competitions
  { operation: 'competitions', why: 'an argument it does not take', query: 'query { competitions(limit: 5) { id } }', refusal: { graphql: /limit/ } },
  { operation: 'competitions', why: 'a field Competition does not have', query: 'query { competitions { id secret } }', refusal: { graphql: /secret/ } },

  // Subscriptions, over the real-time endpoint
  { operation: 'onClipReady', why: 'competition with a path', query: onClipReady, variables: () => ({ competition: '../*' }), refusal: field('competition') },
  { operation: 'onClipUpdated', why: 'clipId with a path', query: onClipUpdated, variables: () => ({ competition: 'bad-input', clipId: '../../x' }), refusal: field('clipId') },
  { operation: 'onClipUpdated', why: 'competition with a control character', query: onClipUpdated, variables: () => ({ competition: 'a\u001bb' }), refusal: field('competition') },
  { operation: 'onClipUpdated', why: 'an unknown argument', query: 'subscription { onClipUpdated(competition: "bad-input", status: READY) { clipId } }', refusal: { graphql: /status/ } },

  // The request itself
  {
    operation: 'createClip',
    why: 'a body over the 5 MB request size',
    query: createClip,
    rawBody: () => JSON.stringify({ query: createClip, variables: { input: { competition: 'bad-input', title: 'x'.repeat(5 * 1024 * 1024) } } }),
    refusal: { http: { status: 400, errorType: 'MalformedHttpRequestException', message: /too large/ } },
  },
  {
    operation: 'clip',
    why: 'a body that is not JSON',
    query: clip,
    rawBody: () => '{"query": "query { clip',
    refusal: { http: { status: 400, errorType: 'MalformedHttpRequestException', message: /Unable to parse/ } },
  },
  {
    operation: 'competitions',
    why: 'introspection nested deeper than the query depth limit',
    query: `query { __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } } } }`,
    refusal: { graphql: /depth/ },
  },
  {
    operation: 'clip',
    why: 'one field aliased past the resolver count limit',
    query: `query { ${Array.from({ length: 200 }, (_, index) => `a${index}: clip(competition: "bad-input", clipId: "${'x'}") { clipId }`).join(' ')} }`,
    refusal: { graphql: /resolver/ },
  },
];

/** Everything the home stores: every item of the clip table and every object of the clips bucket. */
async function stored(): Promise<{ items: unknown[]; objects: string[] }> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: 'clips', ...(start ? { ExclusiveStartKey: start as never } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (item: unknown) => JSON.stringify(item);
  return { items: items.map(key).sort(), objects: await api.objectStore.list(CLIPS_BUCKET) };
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; errorType?: string | null; errorInfo?: { field?: string } | null }> };
}

async function post(body: string): Promise<Answer> {
  const response = await fetch(api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey }, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** A subscription start: its `error` message's errors, or none when it was acknowledged. */
async function start(query: string, variables: Record<string, unknown>): Promise<Answer> {
  try {
    const subscriber = await subscribe({ realtimeUrl: api.realtimeUrl, graphqlUrl: api.graphqlUrl, apiKey: api.apiKey, query, variables });
    subscriber.close();
    return { status: 200, body: {} };
  } catch (error) {
    const refused = /^subscription refused: (.*)$/s.exec((error as Error).message);
    if (!refused) throw error;
    return { status: 200, body: JSON.parse(refused[1]!) as Answer['body'] };
  }
}

describe('bad input is refused, naming the field and the rule, and nothing is written', () => {
  it('covers at least 40 cases and every operation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const operations = new Set(cases.map((each) => each.operation));
    for (const operation of ['createClip', 'updateClip', 'deleteClip', 'cancelClip', 'clip', 'clipsByCompetition', 'clipChanges', 'competitions', 'onClipReady', 'onClipUpdated']) {
      expect(operations).toContain(operation);
    }
  });

  it.each(cases)('$operation: $why', async ({ query, variables, rawBody, refusal }) => {
    const before = await stored();

    const isSubscription = query.trimStart().startsWith('subscription');
    const answer = isSubscription
      ? await start(query, variables?.() ?? {})
      : await post(rawBody?.() ?? JSON.stringify({ query, variables: variables?.() ?? {} }));

    const errors = answer.body.errors ?? [];
    expect(errors.length).toBeGreaterThanOrEqual(1);
    const [error] = errors;
    if ('resolver' in refusal) {
      expect(answer.status).toBe(200);
      // The real-time channel's error carries errorType and message only (no errorInfo).
      expect(error).toMatchObject(isSubscription ? { errorType: 'ValidationError' } : { errorType: 'ValidationError', errorInfo: { field: refusal.resolver } });
      expect(error!.message.startsWith(`${refusal.resolver}: `)).toBe(true);
    } else if ('graphql' in refusal) {
      expect(answer.status).toBe(200);
      expect(error!.message).toMatch(refusal.graphql);
    } else {
      expect(answer.status).toBe(refusal.http.status);
      expect(error).toMatchObject({ errorType: refusal.http.errorType });
      expect(error!.message).toMatch(refusal.http.message);
    }
    expect(await stored()).toEqual(before);
    expect(api.mediaPackage.harvestJobs.filter((job) => job.id.startsWith('bad-input_'))).toHaveLength(1);
  });
});
