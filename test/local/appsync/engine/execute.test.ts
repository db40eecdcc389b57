import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { compileBundle, mayRunAway } from '../../../../local/appsync/engine/evaluate.ts';
import { ScopeHolder } from '../../../../local/appsync/engine/scope.ts';
import { createAppSyncModules } from '../../../../local/appsync/engine/util/index.ts';
import { bundleFile } from '../../../../resolvers/bundle/index.ts';
import { apiKeyCaller, cognitoCaller, fixtures, iamCaller, startHarness, wire, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const run = async (query: string, variables?: Record<string, unknown>, caller = apiKeyCaller) =>
  wire(await h.engine.execute({ query, variables: variables ?? null, caller })) as { data: Record<string, unknown> | null; errors?: Record<string, unknown>[] };

describe('queries and mutations against DynamoDB', () => {
  it('writes an item with PutItem and reads it back with GetItem', async () => {
    const put = await run('mutation($i: ItemInput!) { putItem(input: $i) { pk sk title count } }', {
      i: { pk: 'a', sk: '1', title: 'first', count: 3 },
    });
    expect(put).toEqual({ data: { putItem: { pk: 'a', sk: '1', title: 'first', count: 3 } } });
    const got = await run('{ item(pk: "a", sk: "1") { title count } }');
    expect(got).toEqual({ data: { item: { title: 'first', count: 3 } } });
  });

  it('returns null for an item that does not exist', async () => {
    expect(await run('{ item(pk: "nope", sk: "0") { title } }')).toEqual({ data: { item: null } });
  });

  it('pages a Query with an opaque nextToken until the last page', async () => {
    for (let i = 0; i < 5; i += 1) {
      await run('mutation($i: ItemInput!) { putItem(input: $i) { pk } }', { i: { pk: 'page', sk: `s${i}`, title: `t${i}` } });
    }
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = await run('query($t: String) { items(pk: "page", limit: 2, nextToken: $t) { items { sk } nextToken } }', { t: nextToken });
      const result = page.data?.items as { items: { sk: string }[]; nextToken: string | null };
      seen.push(...result.items.map((item) => item.sk));
      nextToken = result.nextToken;
      if (nextToken) expect(nextToken).not.toContain('page');
      pages += 1;
    } while (nextToken);
    expect(seen).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(pages).toBe(3);
  });

  it('refuses a tampered nextToken with a clear error', async () => {
    const first = await run('{ items(pk: "page", limit: 2) { nextToken } }');
    const token = (first.data?.items as { nextToken: string }).nextToken;
    const tampered = `${token.slice(0, -3)}abc`;
    const page = await run('query($t: String) { items(pk: "page", limit: 2, nextToken: $t) { nextToken } }', { t: tampered });
    expect(page.data).toBeNull();
    expect(page.errors?.[0]).toMatchObject({ errorType: 'DynamoDB:ValidationException', path: ['items'] });
    expect(page.errors?.[0]?.message).toMatch(/Invalid nextToken/);
  });

  it('gives the response handler ctx.error with DynamoDB:ConditionalCheckFailedException', async () => {
    const input = { pk: 'once', sk: '1', title: 'first' };
    const first = await run('mutation($i: ItemInput!) { createOnce(input: $i) { title createdAt } }', { i: input });
    expect(first.errors).toBeUndefined();
    const second = await run('mutation($i: ItemInput!) { createOnce(input: $i) { title } }', { i: { ...input, title: 'second' } });
    expect(second).toEqual({
      data: { createOnce: null },
      errors: [
        {
          path: ['createOnce'],
          data: null,
          errorType: 'DynamoDB:ConditionalCheckFailedException',
          errorInfo: { seen: 'DynamoDB:ConditionalCheckFailedException' },
          locations: [{ line: 1, column: 28, sourceName: null }],
          message: expect.stringMatching(/conditional request failed/i),
        },
      ],
    });
  });
});

describe('pipelines', () => {
  it('runs before, each function in order with the shared stash, and after; earlyReturn skips one function', async () => {
    const result = await run('mutation { pipeline(text: "go") }');
    expect(JSON.parse(result.data?.pipeline as string)).toEqual({
      result: '<GO?>',
      trail: ['before', '1.request', '1.response', '2.request', '3.request', '3.response', 'after'],
    });
  });

  it("earlyReturn with skipTo END goes straight to the pipeline's after step", async () => {
    const result = await run('mutation { pipeline(text: "go", stopAt: 2) }');
    expect(JSON.parse(result.data?.pipeline as string)).toEqual({
      result: 'GO!',
      trail: ['before', '1.request', '1.response', '2.request', 'after'],
    });
  });

  it("earlyReturn in the pipeline's before step skips every function; the after step still runs (AppSync's documented order)", async () => {
    const result = await run('mutation { pipeline(text: "stop") }');
    expect(JSON.parse(result.data?.pipeline as string)).toEqual({ result: 'stopped before', trail: ['before', 'after'] });
  });
});

describe('Lambda data sources', () => {
  it('sends the payload to the handler and returns its result', async () => {
    const result = await run('{ invoke(text: "hi") }');
    expect(JSON.parse(result.data?.invoke as string)).toEqual({ echoed: 'hi' });
    expect(h.lambdaEvents.at(-1)).toEqual({ text: 'hi', fail: false });
  });

  it('turns a thrown error into ctx.error of type Lambda:Unhandled', async () => {
    const result = await run('{ invoke(text: "boom", fail: true) }');
    expect(result.data).toEqual({ invoke: null });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'Lambda:Unhandled', message: 'cannot echo boom', path: ['invoke'] });
  });
});

describe('the resolver context', () => {
  it('holds arguments, identity, env, headers and info as AppSync fills them', async () => {
    const result = await run('query Q($t: String) { context(text: $t) }', { t: 'x' }, apiKeyCaller);
    expect(JSON.parse(result.data?.context as string)).toEqual({
      args: { text: 'x' },
      identity: null,
      source: null,
      env: { STAGE: 'test' },
      headers: { 'x-api-key': 'local', 'x-custom': 'yes' },
      info: { fieldName: 'context', parentTypeName: 'Query', variables: { t: 'x' }, selectionSetList: [], selectionSetGraphQL: '' },
    });
  });

  it('lists the selection set by response names, nested with slashes, fragments spread in, the same on every request', async () => {
    const query = `
      query { selection { pk list: sk title ... on Item { status } ...more } }
      fragment more on Item { count }
    `;
    for (const attempt of [1, 2]) {
      const item = (await run(query)).data?.selection as { list: string; title: string };
      expect(JSON.parse(item.list), `request ${attempt}`).toEqual(['pk', 'list', 'title', 'status', 'count']);
      expect(item.title).toBe('{\n  pk\n  list: sk\n  title\n  ... on Item {\n    status\n  }\n  ...more\n}');
    }
  });

  it("sends AppSync's direct-resolver event to a Lambda when the request has no payload", async () => {
    const result = await run('{ direct(text: "d") }');
    expect(JSON.parse(result.data?.direct as string)).toMatchObject({
      arguments: { text: 'd' },
      identity: null,
      source: null,
      stash: { seen: true },
      info: { fieldName: 'direct', parentTypeName: 'Query' },
      request: { headers: { 'x-api-key': 'local' } },
    });
  });

  it('ends a handler that runs too long with an error of type Code', async () => {
    const result = await run('{ spin }');
    expect(result.data).toEqual({ spin: null });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'Code', path: ['spin'], message: expect.stringMatching(/timed out/) });
  });

  it('keeps the time limit for every handler that has a loop or a regular expression, and only those', () => {
    const runaways = [
      'while (n >= 0) n += 1;',
      'for (const item of ctx.args.items) items.push(item);',
      'do { n += 1 } while (n);',
      'return /(a+)+$/.test(value);',
      'const ok = (/x/).test(value);',
      'return new RegExp(pattern).test(value);',
    ];
    const bounded = ['return { items: ctx.result.items, total: count / 2 };', 'return util.matches(pattern, value);', 'const half = a / b / c; // a comment', '/* block */ return null;'];

    expect(runaways.filter((code) => !mayRunAway(code))).toEqual([]);
    expect(bounded.filter(mayRunAway)).toEqual([]);
  });

  it('runs a bundled resolver without loops outside the time limit, and one with a loop under it', async () => {
    const compile = async (name: string) => {
      const file = join(fixtures, 'resolvers', name);
      return compileBundle(await bundleFile(file), { file, modules: createAppSyncModules(new ScopeHolder()), log: () => {} });
    };

    expect((await compile('Query.plain.[NONE].ts')).watched).toBe(false);
    expect((await compile('Query.spin.[NONE].ts')).watched).toBe(true);
  });

  it('keeps data next to errors added with util.appendError', async () => {
    const result = await run('{ partial }');
    expect(result).toEqual({
      data: { partial: 'kept' },
      errors: [
        {
          path: ['partial'],
          data: { hint: 1 },
          errorType: 'Warning',
          errorInfo: { detail: 'info' },
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'something was off',
        },
      ],
    });
  });
});

describe('authorization', () => {
  it('denies a root field to a mode its directives do not name, and never runs its resolver', async () => {
    const result = await run('mutation { iamOnly(input: { pk: "denied", sk: "1" }) { pk } }');
    expect(result).toEqual({
      data: { iamOnly: null },
      errors: [
        {
          path: ['iamOnly'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 12, sourceName: null }],
          message: 'Not Authorized to access iamOnly on type Mutation',
        },
      ],
    });
    const stored = await h.client.send(new GetItemCommand({ TableName: 'items', Key: { pk: { S: 'denied' }, sk: { S: '1' } } }));
    expect(stored.Item).toBeUndefined();
  });

  it('admits the mode the directive names', async () => {
    const result = await run('mutation { iamOnly(input: { pk: "iam", sk: "1" }) { pk } }', undefined, iamCaller);
    expect(result).toEqual({ data: { iamOnly: { pk: 'iam' } } });
  });

  it('admits only the default mode to a field without directives', async () => {
    expect(await run('{ plain }')).toEqual({ data: { plain: 'plain' } });
    const denied = await run('{ plain }', undefined, iamCaller);
    expect(denied.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access plain on type Query' });
  });

  it('checks cognito_groups', async () => {
    const editor = await run('mutation { editorsOnly(text: "ok") }', undefined, cognitoCaller(['editors']));
    expect(editor).toEqual({ data: { editorsOnly: 'ok' } });
    const viewer = await run('mutation { editorsOnly(text: "ok") }', undefined, cognitoCaller(['viewers']));
    expect(viewer.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
  });

  it('checks nested fields by their type: ItemPage admits API keys only', async () => {
    const result = await run('{ items(pk: "page") { nextToken } }', undefined, iamCaller);
    expect(result.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access items on type Query' });
  });
});

describe('AWS scalars', () => {
  it('refuses a bad AWSDateTime variable as AppSync does', async () => {
    const result = await run('mutation($i: ItemInput!) { putItem(input: $i) { pk } }', { i: { pk: 'x', sk: '1', createdAt: 'yesterday' } });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      path: null,
      message: "Variable 'i' has an invalid value. Unable to parse `yesterday` as a valid DateTime Object.",
    });
  });

  it('refuses a bad AWSURL literal', async () => {
    const result = await run('mutation { putItem(input: { pk: "x", sk: "1", link: "not a url" }) { pk } }');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toEqual({
      path: null,
      locations: [{ line: 1, column: 53, sourceName: null }],
      message: "Validation error of type WrongType: argument 'input.link' with value 'StringValue{value='not a url'}' is not a valid 'AWSURL' @ 'putItem'",
    });
  });

  it('accepts valid AWSDateTime and AWSURL values', async () => {
    const result = await run('mutation($i: ItemInput!) { putItem(input: $i) { createdAt link } }', {
      i: { pk: 'x', sk: '2', createdAt: '2024-05-01T10:00:00.123+02:00', link: 'https://example.com/a/b?c=d' },
    });
    expect(result).toEqual({ data: { putItem: { createdAt: '2024-05-01T10:00:00.123+02:00', link: 'https://example.com/a/b?c=d' } } });
  });
});
