// Property-based tests (fast-check) of createClip's validation step as it runs: the real esbuild
// bundle of resolvers/Mutation.createClip/1.validateInput.[NONE].ts, evaluated by the local
// AppSync runtime's sandbox with its `util` and a clock the test sets. The rules live in
// resolvers/lib/clipRules.ts, which imports APPSYNC_JS's `util` (types only outside AppSync), so
// they are driven through the resolver rather than imported.
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResolverError } from '../../local/appsync/engine/errors.ts';
import { compileBundle, type CompiledCode } from '../../local/appsync/engine/evaluate.ts';
import { newScope, ScopeHolder } from '../../local/appsync/engine/scope.ts';
import { createAppSyncModules } from '../../local/appsync/engine/util/index.ts';
import { bundleResolvers, readSchema } from '../../resolvers/bundle/index.ts';

const projectPath = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const WINDOW_SECONDS = 3600;
const FUTURE_SECONDS = 300;
const SKEW_SECONDS = 5;
const DAY_MILLIS = 24 * 3600 * 1000;
const env = { STARTOVER_WINDOW_SECONDS: String(WINDOW_SECONDS), MAX_FUTURE_END_SECONDS: String(FUTURE_SECONDS), CLOCK_SKEW_SECONDS: String(SKEW_SECONDS) };

let now = Date.UTC(2026, 11, 6, 20, 0, 0);
const scopes = new ScopeHolder();
let validate: CompiledCode;

beforeAll(async () => {
  const schema = await readSchema([projectPath('schema/appsync-prelude.graphql'), projectPath('schema/schema.graphql')]);
  const bundles = await bundleResolvers({ resolversDir: projectPath('resolvers'), schema });
  const createClip = bundles.find((bundle) => bundle.kind === 'PIPELINE' && bundle.fieldName === 'createClip');
  const step = createClip?.kind === 'PIPELINE' ? createClip.functions.find((fn) => fn.name.endsWith('validateInput')) : undefined;
  if (!step) throw new Error('createClip has no validateInput step');
  validate = compileBundle(step.code, { file: step.file, modules: createAppSyncModules(scopes, () => now), log: () => {} });
});

type Outcome = { clip: { clipId: string; startTime: string; endTime: string; durationSeconds: number } } | { refused: { field: string; errorType: string | null } };

/** Runs the validation step at `nowMillis` on a range given in epoch milliseconds (undefined: left out). */
function validateRange(nowMillis: number, startMillis: number | undefined, endMillis: number | undefined): Outcome {
  now = nowMillis;
  const input: Record<string, unknown> = { competition: 'props' };
  if (startMillis !== undefined) input['startTime'] = new Date(startMillis).toISOString();
  if (endMillis !== undefined) input['endTime'] = new Date(endMillis).toISOString();
  const ctx = { arguments: { input }, args: { input }, env, stash: {}, identity: null, source: null, prev: { result: null }, request: { headers: {} } };
  try {
    scopes.run(newScope('Mutation', 'createClip', 'API_KEY'), () => validate.call('request', ctx));
    return { clip: (ctx.stash as { clip: Extract<Outcome, { clip: unknown }>['clip'] }).clip };
  } catch (error) {
    if (!(error instanceof ResolverError)) throw error;
    return { refused: { field: (error.errorInfo as { field: string }).field, errorType: error.errorType } };
  }
}

/** The documented rules (clipRules.ts, from MediaPackage's harvest-job rules), as a predicate. */
function breaks(nowMillis: number, start: number, end: number): string[] {
  const broken: string[] = [];
  if (end <= start) broken.push('input.endTime');
  if (start > nowMillis) broken.push('input.startTime');
  if (end > nowMillis + Math.max(SKEW_SECONDS, FUTURE_SECONDS) * 1000) broken.push('input.endTime');
  if (end - start > DAY_MILLIS) broken.push('input.endTime');
  if (start < nowMillis - WINDOW_SECONDS * 1000) broken.push('input.startTime');
  return broken;
}

// Instants from 2001 to 2099, to the millisecond, and ranges around them.
const instant = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 0, 1) });
const offset = fc.integer({ min: -2 * DAY_MILLIS, max: 2 * DAY_MILLIS });
const nearOffset = fc.integer({ min: -(WINDOW_SECONDS + 60) * 1000, max: (FUTURE_SECONDS + 60) * 1000 });

describe('createClip time-range rules (property-based)', () => {
  it('accepts a range exactly when it breaks no rule, and names a field of a broken rule when it refuses', () => {
    fc.assert(
      fc.property(instant, fc.oneof(offset, nearOffset), fc.oneof(offset, nearOffset), (nowMillis, startOffset, endOffset) => {
        const start = nowMillis + startOffset;
        const end = nowMillis + endOffset;
        const broken = breaks(nowMillis, start, end);
        const outcome = validateRange(nowMillis, start, end);
        if (broken.length === 0) {
          expect(outcome).toHaveProperty('clip');
        } else {
          expect(outcome).toHaveProperty('refused.errorType', 'ValidationError');
          expect(broken).toContain((outcome as Extract<Outcome, { refused: unknown }>).refused.field);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an accepted range to the millisecond, with its duration', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: WINDOW_SECONDS * 1000 - 1 }), fc.integer({ min: 1, max: WINDOW_SECONDS * 1000 }), (nowMillis, back, length) => {
        const start = nowMillis - back - 1;
        const end = Math.min(start + length, nowMillis);
        fc.pre(end > start);
        const outcome = validateRange(nowMillis, start, end);
        expect(outcome).toHaveProperty('clip');
        const { clip } = outcome as Extract<Outcome, { clip: unknown }>;
        expect([Date.parse(clip.startTime), Date.parse(clip.endTime)]).toEqual([start, end]);
        expect(clip.durationSeconds).toBe((end - start) / 1000);
      }),
    );
  });

  it('takes a range left out as the last 60 s, and a start left out as 60 s before the end', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 60_000, max: WINDOW_SECONDS * 1000 - 60_000 }), (nowMillis, back) => {
        const whole = validateRange(nowMillis, undefined, undefined) as Extract<Outcome, { clip: unknown }>;
        expect([Date.parse(whole.clip.startTime), Date.parse(whole.clip.endTime)]).toEqual([nowMillis - 60_000, nowMillis]);
        const endOnly = validateRange(nowMillis, undefined, nowMillis - back) as Extract<Outcome, { clip: unknown }>;
        expect(Date.parse(endOnly.clip.startTime)).toBe(nowMillis - back - 60_000);
      }),
    );
  });
});

describe('clip ids (property-based)', () => {
  const idAt = (startMillis: number) => {
    const outcome = validateRange(startMillis + 1000, startMillis, startMillis + 1000);
    return (outcome as Extract<Outcome, { clip: unknown }>).clip.clipId;
  };

  it('sort as their start times do: for any two starts, id order is time order', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [idA, idB] = [idAt(a), idAt(b)];
        // The time part (before the '-'), compared as DynamoDB compares sort keys: by code unit.
        const [timeA, timeB] = [idA.split('-')[0]!, idB.split('-')[0]!];
        expect(timeA < timeB ? -1 : timeA > timeB ? 1 : 0).toBe(Math.sign(a - b));
        // Whole ids (with their random part) compare in time order too whenever the times differ.
        if (a !== b) expect(idA < idB).toBe(a < b);
      }),
      { numRuns: 300 },
    );
  });

  it('keep two clips of the same millisecond apart', () => {
    fc.assert(
      fc.property(instant, (start) => {
        expect(idAt(start)).not.toBe(idAt(start));
      }),
    );
  });
});
