// The DynamoDB server failing between pipeline steps, on the running local home: restarted (same
// port, same data) while harvests end, so their events meet a table that is not there; restarted
// under a burst of createClip calls that clients retry with their clientToken; and one write of
// the createClip pipeline refused (the clip's own put, after its clientToken was claimed).
import '../functions/support/silentLogs.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateClipDocument, type ClipFieldsFragment } from '../../generated/operations/graphql.ts';
import { graphqlRequest } from '../../local/client/graphqlRequest.ts';
import type { DynamoDBFault } from '../../local/dynamodb/index.ts';
import type { ClipFlowHome } from '../functions/support/clipFlowHome.ts';
import { startFaultHome } from './support/faultHome.ts';
import { HARVEST_MS, PACKAGING_MS, SWEEP_FINDS_MS } from './support/bounds.ts';
import { changesCursor, createClip, expectNothingLostStuckOrDoubled, type ApiAccess } from './support/outcomes.ts';

const CLIP_SECONDS = 4;
/** How long the table is away in a restart: longer than the SDK's retries (3 attempts, well under a second). */
const DOWN_MS = 2_000;

let home: ClipFlowHome;
let api: ApiAccess;
/** Set to refuse DynamoDB requests; cleared by the case that set it. */
const dynamodb: { fault?: DynamoDBFault } = {};

beforeAll(async () => {
  ({ home, api } = await startFaultHome(CLIP_SECONDS, { dynamodbFault: (request) => dynamodb.fault?.(request) }));
}, 120_000);

afterAll(async () => {
  await home?.stop();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** createClip as a careful client makes it: with a clientToken, retried on any error until answered. */
async function createClipRetried(competition: string, clientToken: string, end: number): Promise<{ clip: ClipFieldsFragment; attempts: number }> {
  const input = { competition, clientToken, startTime: new Date(end - CLIP_SECONDS * 1000).toISOString(), endTime: new Date(end).toISOString() };
  for (let attempts = 1; ; attempts += 1) {
    const answer = await graphqlRequest(api.graphqlUrl, api.apiKey, CreateClipDocument, { input }).catch((error: unknown) => ({
      data: undefined,
      errors: [{ message: String(error) }],
    }));
    if (answer.data?.createClip) return { clip: answer.data.createClip, attempts };
    if (attempts >= 40) throw new Error(`createClip with token ${clientToken} never answered: ${JSON.stringify(answer.errors)}`);
    await sleep(250);
  }
}

it('restarted while harvests end: the events that met no table are made good by the sweeper, every clip READY once', async () => {
  const cursor = await changesCursor(api, 'table-away');
  const clips = await Promise.all([1, 2, 3].map(() => createClip(api, 'table-away', CLIP_SECONDS)));

  let restartedAt = 0;
  await home.local.restartDynamoDB(async () => {
    // Down until every job has ended and its event has failed all of the bus's attempts.
    for (const clip of clips) while (!(await home.harvestJob(clip)).succeeded) await sleep(200);
    await home.bus.idle();
  });
  restartedAt = Date.now();

  // Bound, from the restart: the sweep that finds the clips HARVESTING (they have sat long
  // enough), packaging, then READY by the asset's event (delivered: the table is back).
  const BOUND_MS = SWEEP_FINDS_MS + PACKAGING_MS;
  const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: BOUND_MS, sinceMs: restartedAt, cursor });

  expect(settled.map((clip) => clip.status)).toEqual(clips.map(() => 'READY'));
  expect(home.bus.deadLetters().length).toBeGreaterThan(0);
});

it('restarted under a burst of createClip calls: each clientToken makes exactly one clip, and every clip settles', async () => {
  const competition = 'table-restarting';
  const cursor = await changesCursor(api, competition);
  const end = Date.now();
  const tokens = Array.from({ length: 6 }, (_, index) => `burst-${index}`);

  // The calls are spread over the restart: some before, some while the table is away, some after.
  const calls = tokens.map(async (token, index) => {
    await sleep(index * 400);
    return createClipRetried(competition, token, end - index * 10);
  });
  await sleep(600);
  await home.local.restartDynamoDB(() => sleep(DOWN_MS));
  const answered = await Promise.all(calls);
  const createdAt = Date.now();

  // A retried token answers its first clip: one clip per token.
  expect(new Set(answered.map(({ clip }) => clip.clipId)).size).toBe(tokens.length);
  expect(answered.some(({ attempts }) => attempts > 1)).toBe(true);
  // Bound: the harvest and packaging of a clip whose pipeline went through, or the sweep that
  // starts a clip the pipeline wrote and then lost the table for (CREATING) before that.
  const BOUND_MS = SWEEP_FINDS_MS + HARVEST_MS + PACKAGING_MS;
  const settled = await expectNothingLostStuckOrDoubled(api, answered.map(({ clip }) => clip), { boundMs: BOUND_MS, sinceMs: createdAt, cursor });

  expect(settled.map((clip) => clip.status)).toEqual(tokens.map(() => 'READY'));
});

it("refusing the clip's own write after its clientToken was claimed: the retried request makes the clip", async () => {
  const competition = 'token-claimed';
  const cursor = await changesCursor(api, competition);
  // The pipeline's PutItems after the first (which claims the token) fail, every SDK attempt,
  // until the request has been answered with an error.
  let putItems = 0;
  dynamodb.fault = ({ operation }) => {
    if (operation !== 'PutItem') return undefined;
    putItems += 1;
    return putItems >= 2 ? { status: 500, type: 'InternalServerError', message: 'Internal server error' } : undefined;
  };
  const end = Date.now();
  const input = { competition, clientToken: 'claimed-then-lost', startTime: new Date(end - CLIP_SECONDS * 1000).toISOString(), endTime: new Date(end).toISOString() };
  let first;
  try {
    first = await graphqlRequest(api.graphqlUrl, api.apiKey, CreateClipDocument, { input });
  } finally {
    dynamodb.fault = undefined;
  }
  expect(first.errors?.[0]?.message).toContain('Internal server error');

  const answered = await createClipRetried(competition, input.clientToken, end);
  const createdAt = Date.now();

  const [settled] = await expectNothingLostStuckOrDoubled(api, [answered.clip], { boundMs: HARVEST_MS + PACKAGING_MS, sinceMs: createdAt, cursor });
  expect(settled!.status).toBe('READY');
});
