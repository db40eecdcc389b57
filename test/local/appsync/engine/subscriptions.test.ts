import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import type { SubscriptionHandle } from '../../../../local/appsync/engine/index.ts';
import { apiKeyCaller, iamCaller, startHarness, wire, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function subscribe(query: string, variables: Record<string, unknown> = {}, caller = apiKeyCaller) {
  const received: unknown[] = [];
  const result = await h.engine.subscribe({ query, variables, caller }, (data: ExecutionResult) => received.push(wire(data)));
  return { result, received, handle: result.ok ? result.handle : undefined };
}

const publish = (fields: string, args: Record<string, unknown>, caller = iamCaller) =>
  h.engine.execute({
    query: `mutation($pk: ID!, $sk: String!, $title: String, $status: String) { publish(pk: $pk, sk: $sk, title: $title, status: $status) { ${fields} } }`,
    variables: { sk: '1', ...args },
    caller,
  });

const handles: SubscriptionHandle[] = [];
const track = <T extends { handle: SubscriptionHandle | undefined }>(sub: T): T => {
  if (sub.handle) handles.push(sub.handle);
  return sub;
};
afterAll(() => handles.forEach((handle) => handle.close()));

describe('subscriptions', () => {
  it('delivers a mutation to subscribers whose arguments equal the same-named result fields', async () => {
    const match = track(await subscribe('subscription { onPublish(pk: "a") { pk title } }'));
    const other = track(await subscribe('subscription { onPublish(pk: "b") { pk title } }'));
    const all = track(await subscribe('subscription { onPublish { pk } }'));
    expect(match.result.ok).toBe(true);

    await publish('pk sk title', { pk: 'a', title: 'hello' });

    expect(match.received).toEqual([{ data: { onPublish: { pk: 'a', title: 'hello' } } }]);
    expect(other.received).toEqual([]);
    expect(all.received).toEqual([{ data: { onPublish: { pk: 'a' } } }]);
  });

  it('delivers only the fields the mutation selected: the rest are null', async () => {
    const sub = track(await subscribe('subscription S($pk: ID) { onPublish(pk: $pk) { pk title status } }', { pk: 'sel' }));
    await publish('pk status', { pk: 'sel', title: 'not selected', status: 'NEW' });
    expect(sub.received).toEqual([{ data: { onPublish: { pk: 'sel', title: null, status: 'NEW' } } }]);
  });

  it('reports a non-null field the mutation did not select as AppSync does', async () => {
    const sub = track(await subscribe('subscription { onPublish { pk title } }'));
    await publish('title', { pk: 'nn', title: 'only title' });
    expect(sub.received).toEqual([
      {
        data: { onPublish: null },
        errors: [
          {
            path: ['onPublish', 'pk'],
            data: null,
            errorType: null,
            errorInfo: null,
            locations: [{ line: 1, column: 28, sourceName: null }],
            message: "Cannot return null for non-nullable type: 'ID' within parent 'Item' (/onPublish/pk)",
          },
        ],
      },
    ]);
  });

  it('does not deliver when the mutation did not select a field the arguments filter on', async () => {
    const sub = track(await subscribe('subscription { onPublish(pk: "unselected") { title } }'));
    await publish('title', { pk: 'unselected', title: 'x' });
    expect(sub.received).toEqual([]);
  });

  it("applies the enhanced filters the subscription's resolver sets", async () => {
    const sub = track(await subscribe('subscription { onReady(pk: "m1") { pk title status } }'));
    await publish('pk title status', { pk: 'm1', title: 'Goal by 9', status: 'PENDING' });
    await publish('pk title status', { pk: 'm1', title: 'Goal by 9', status: 'READY' });
    await publish('pk title status', { pk: 'm1', title: 'Great save', status: 'READY' });
    await publish('pk title status', { pk: 'm1', title: 'Corner', status: 'READY' });
    await publish('pk title status', { pk: 'm2', title: 'Goal elsewhere', status: 'READY' });
    expect(sub.received).toEqual([
      { data: { onReady: { pk: 'm1', title: 'Goal by 9', status: 'READY' } } },
      { data: { onReady: { pk: 'm1', title: 'Great save', status: 'READY' } } },
    ]);
  });

  it('ends subscriptions whose invalidation filter matches extensions.invalidateSubscriptions', async () => {
    const ended = track(await subscribe('subscription { onReady(pk: "inv1") { pk } }'));
    const kept = track(await subscribe('subscription { onReady(pk: "inv2") { pk } }'));
    await h.engine.execute({ query: 'mutation { closeReady(pk: "inv1") }', caller: apiKeyCaller });
    await publish('pk title status', { pk: 'inv1', title: 'Goal', status: 'READY' });
    await publish('pk title status', { pk: 'inv2', title: 'Goal', status: 'READY' });
    expect(ended.received).toEqual([]);
    expect(kept.received).toEqual([{ data: { onReady: { pk: 'inv2' } } }]);
  });

  it('stops delivering after the handle is closed', async () => {
    const sub = await subscribe('subscription { onPublish(pk: "closed") { pk } }');
    sub.handle?.close();
    await publish('pk', { pk: 'closed' });
    expect(sub.received).toEqual([]);
  });

  it('refuses a subscription its directives do not admit, at subscribe time', async () => {
    const denied = await subscribe('subscription { onAnything { pk } }');
    expect(denied.result.ok).toBe(false);
    expect(denied.result.ok ? [] : wire(denied.result.errors)).toEqual([
      {
        path: ['onAnything'],
        data: null,
        errorType: 'Unauthorized',
        errorInfo: null,
        locations: [{ line: 1, column: 16, sourceName: null }],
        message: 'Not Authorized to access onAnything on type Subscription',
      },
    ]);
    const admitted = track(await subscribe('subscription { onAnything { pk } }', {}, iamCaller));
    expect(admitted.result.ok).toBe(true);
  });

  it('refuses an invalid subscription document with a validation error', async () => {
    const bad = await subscribe('subscription { onPublish { nope } }');
    expect(bad.result.ok).toBe(false);
    expect(bad.result.ok ? '' : String(bad.result.errors[0]?.message)).toMatch(/nope/);
  });

  it('does not fan out a mutation that failed', async () => {
    const sub = track(await subscribe('subscription { onPublish(pk: "denied") { pk } }'));
    const result = await publish('pk', { pk: 'denied' }, { authType: 'AMAZON_COGNITO_USER_POOLS', identity: null, headers: {} });
    expect(wire(result)).toMatchObject({ data: { publish: null }, errors: [{ errorType: 'Unauthorized' }] });
    expect(sub.received).toEqual([]);
  });

  it('gives subscribers of one operation the selection their own variables make', async () => {
    const query = 'subscription($pk: ID, $withTitle: Boolean!) { onPublish(pk: $pk) { pk title @include(if: $withTitle) } }';
    const withTitle = track(await subscribe(query, { pk: 'shared', withTitle: true }));
    const withoutTitle = track(await subscribe(query, { pk: 'shared', withTitle: false }));
    const sameAsFirst = track(await subscribe(query, { pk: 'shared', withTitle: true }));

    await publish('pk title', { pk: 'shared', title: 'Goal' });

    expect(withTitle.received).toEqual([{ data: { onPublish: { pk: 'shared', title: 'Goal' } } }]);
    expect(withoutTitle.received).toEqual([{ data: { onPublish: { pk: 'shared' } } }]);
    expect(sameAsFirst.received).toEqual(withTitle.received);
  });
});
