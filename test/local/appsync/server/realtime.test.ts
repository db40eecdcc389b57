// AppSync's real-time protocol, sentence by sentence, with a raw `ws` client, in front of the real
// engine and the project's schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSubprotocol, postGraphQL, RawClient, REALTIME_SIGNED_HEADERS, sigV4Headers, startHarness, type Harness } from './helpers.ts';
import { countingSubscriptions, ON_CLIP_READY, publishedClip, PUBLISH_CLIP_UPDATE, startRealEngine, type RealEngine } from './realEngine.ts';

// AppSync's real-time endpoint wants these with every IAM-signed connection and start.

describe('real-time endpoint', () => {
  let real: RealEngine;
  let engine: ReturnType<typeof countingSubscriptions>;
  let harness: Harness;
  let host: string;
  const apiKeyAuth = () => ({ host, 'x-api-key': harness.apiKey.id });

  beforeAll(async () => {
    real = await startRealEngine();
    engine = countingSubscriptions(real.engine);
    harness = await startHarness(engine, { keepAliveMs: 50 });
    host = new URL(harness.server.graphqlUrl).host;
  });
  afterAll(async () => {
    await harness.stop();
    await real.stop();
  });

  async function connect(auth: Record<string, string> = apiKeyAuth()): Promise<RawClient> {
    const client = new RawClient(harness.server.realtimeUrl, ['graphql-ws', headerSubprotocol(auth)]);
    await client.opened();
    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    return client;
  }

  function start(client: RawClient, id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string> = apiKeyAuth()) {
    client.send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } });
  }

  async function publish(competition: string, clipId: string): Promise<void> {
    const body = JSON.stringify({ query: PUBLISH_CLIP_UPDATE, variables: { input: publishedClip(competition, clipId, 'READY') } });
    const response = await postGraphQL(harness.server.graphqlUrl, body, await sigV4Headers(harness.principal, harness.server.graphqlUrl, body));
    expect(response.body).toEqual({ data: { publishClipUpdate: { competition, clipId, status: 'READY', title: `Clip ${clipId}` } } });
  }

  it('acknowledges connection_init with connectionTimeoutMs and keeps the connection alive with ka', async () => {
    const client = await connect();
    expect(await client.next((message) => message.type === 'ka')).toEqual({ type: 'ka' });
    expect(await client.next((message) => message.type === 'ka')).toEqual({ type: 'ka' });
    client.close();
  });

  it('answers start with start_ack, delivers data, and answers stop with complete', async () => {
    const client = await connect();
    start(client, 'sub-1', ON_CLIP_READY, { competition: 'final' });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'sub-1' });

    await publish('final', 'clip-1');
    expect(await client.next()).toEqual({
      type: 'data',
      id: 'sub-1',
      payload: { data: { onClipReady: { competition: 'final', clipId: 'clip-1', status: 'READY', title: 'Clip clip-1' } } },
    });

    client.send({ type: 'stop', id: 'sub-1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-1' });
    await publish('final', 'clip-2');
    client.send({ type: 'stop', id: 'sub-1' });
    // Nothing for sub-1 came between its complete and this one: the stop really ended it.
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-1' });
    client.close();
  });

  it('accepts connection auth as the header query parameter with payload=e30=, and as plain headers', async () => {
    // Six '~' put a '+' into the base64 at any alignment; old clients leave it unencoded in the URL.
    const header = Buffer.from(JSON.stringify({ ...apiKeyAuth(), 'x-note': '~~~~~~' })).toString('base64');
    expect(header).toContain('+');
    const viaQuery = new RawClient(`${harness.server.realtimeUrl}?header=${header}&payload=e30=`, ['graphql-ws']);
    await viaQuery.opened();
    viaQuery.send({ type: 'connection_init' });
    expect((await viaQuery.next()).type).toBe('connection_ack');
    viaQuery.close();

    const viaHeaders = new RawClient(harness.server.realtimeUrl, ['graphql-ws'], { 'x-api-key': harness.apiKey.id });
    await viaHeaders.opened();
    viaHeaders.send({ type: 'connection_init' });
    expect((await viaHeaders.next()).type).toBe('connection_ack');
    viaHeaders.close();
  });

  it('accepts an IAM-signed connection (signed for <endpoint>/connect with body {})', async () => {
    const signed = await sigV4Headers(harness.principal, `${harness.server.graphqlUrl}/connect`, '{}', REALTIME_SIGNED_HEADERS);
    const client = await connect(signed);
    client.close();
  });

  it('refuses a connection with a bad API key with connection_error 401 and closes it', async () => {
    const client = new RawClient(harness.server.realtimeUrl, ['graphql-ws', headerSubprotocol({ host, 'x-api-key': 'da2-wrongwrongwrongwrongwrong00' })]);
    await client.opened();
    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual({
      type: 'connection_error',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
    });
    expect((await client.closed).code).toBe(1008);
  });

  it('refuses a connection without the graphql-ws subprotocol as AppSync does', async () => {
    const bare = new RawClient(harness.server.realtimeUrl, undefined, { 'x-api-key': harness.apiKey.id });
    await bare.opened();
    bare.send({ type: 'connection_init' });
    expect(await bare.next()).toEqual({ type: 'connection_error', payload: { errors: [{ message: 'SubProtocolNotSupportedError', errorCode: 400 }] } });
    expect((await bare.closed).code).toBe(1002);
  });

  it('refuses a start with a bad token with an UnauthorizedException error for that id', async () => {
    const client = await connect();
    start(client, 'bad-token', ON_CLIP_READY, { competition: 'final' }, { host, Authorization: 'not-a-jwt' });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'bad-token',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] },
    });
    client.close();
  });

  it("refuses a start without an id: \"'start' requires a non-empty 'id'\"", async () => {
    const client = await connect();
    client.send({ type: 'start', payload: { data: JSON.stringify({ query: ON_CLIP_READY }), extensions: { authorization: apiKeyAuth() } } });
    expect(await client.next()).toEqual({
      type: 'error',
      payload: { errors: [{ errorType: 'BadRequestException', message: "'start' requires a non-empty 'id'" }] },
    });
    client.send({ id: 'no-auth', type: 'start', payload: { data: JSON.stringify({ query: ON_CLIP_READY }) } });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'no-auth',
      payload: { errors: [{ errorType: 'BadRequestException', message: "'start' requires a 'payload.extensions' object" }] },
    });
    client.close();
  });

  it('refuses a duplicate subscription id with DuplicatedOperationError and keeps the first subscription', async () => {
    const client = await connect();
    start(client, 'dup', ON_CLIP_READY, { competition: 'semi' });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'dup' });
    start(client, 'dup', ON_CLIP_READY, { competition: 'semi' });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'dup',
      payload: { errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id dup' }] },
    });
    await publish('semi', 'clip-2');
    expect(await client.next()).toMatchObject({ type: 'data', id: 'dup' });
    client.close();
  });

  it('refuses a subscription the caller may not access: an IAM-signed start for an API key and Cognito field', async () => {
    const client = await connect();
    const data = JSON.stringify({ query: ON_CLIP_READY, variables: { competition: 'final' } });
    const signed = await sigV4Headers(harness.principal, harness.server.graphqlUrl, data, REALTIME_SIGNED_HEADERS);
    client.send({ id: 'iam-sub', type: 'start', payload: { data, extensions: { authorization: signed } } });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'iam-sub',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onClipReady on type Subscription' }] },
    });

    const tampered = JSON.stringify({ query: ON_CLIP_READY, variables: { competition: 'other' } });
    client.send({ id: 'iam-tampered', type: 'start', payload: { data: tampered, extensions: { authorization: signed } } });
    expect(await client.next()).toMatchObject({ type: 'error', id: 'iam-tampered', payload: { errors: [{ errorType: 'BadRequestException' }] } });
    client.close();
  });

  it('accepts a start with a Cognito token, with or without groups', async () => {
    const client = await connect();
    for (const [id, groups] of [['viewer', []], ['editor', ['editors']]] as const) {
      start(client, id, ON_CLIP_READY, { competition: 'final' }, { host, Authorization: harness.issuer.issueToken({ username: id, groups }) });
      expect(await client.next()).toEqual({ type: 'start_ack', id });
    }
    client.close();
  });

  it('answers unknown message types and queries with UnsupportedOperation', async () => {
    const client = await connect();
    client.send({ id: 'x', type: 'subscribe', payload: {} });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'x',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] },
    });
    start(client, 'q', '{ clipsByCompetition(competition: "final") { nextToken } }', {});
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'q',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }] },
    });
    client.send('not json');
    expect(await client.next()).toEqual({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'Message must be valid JSON' }] } });
    client.close();
  });

  it('answers a start with an error when the engine does not register it in time, never leaving it unanswered', async () => {
    let release: (() => void) | undefined;
    let closedLate = false;
    // An engine whose subscribe hangs until released: no real engine should, which is the point.
    const stuck = {
      execute: real.engine.execute.bind(real.engine),
      subscribe: () =>
        new Promise<{ ok: true; handle: { close(): void } }>((resolve) => {
          release = () => resolve({ ok: true, handle: { close: () => (closedLate = true) } });
        }),
    };
    const slow = await startHarness(stuck, { startTimeoutMs: 100 });
    try {
      const slowHost = new URL(slow.server.graphqlUrl).host;
      const client = new RawClient(slow.server.realtimeUrl, ['graphql-ws', headerSubprotocol({ host: slowHost, 'x-api-key': slow.apiKey.id })]);
      await client.opened();
      client.send({ id: 'slow', type: 'start', payload: { data: JSON.stringify({ query: ON_CLIP_READY, variables: { competition: 'x' } }), extensions: { authorization: { host: slowHost, 'x-api-key': slow.apiKey.id } } } });
      expect(await client.next()).toEqual({
        type: 'error',
        id: 'slow',
        payload: { errors: [{ errorType: 'InternalFailure', message: 'The subscription could not be started in time.' }] },
      });
      release?.();
      await expect.poll(() => closedLate).toBe(true);
      client.close();
    } finally {
      await slow.stop();
    }
  });

  it('holds 100 subscriptions on one connection and refuses the next with MaxSubscriptionsReachedError, keeping the others', async () => {
    const client = await connect();
    for (let index = 0; index < 100; index += 1) {
      start(client, `many-${index}`, ON_CLIP_READY, { competition: 'crowded' });
      expect(await client.next()).toEqual({ type: 'start_ack', id: `many-${index}` });
    }

    start(client, 'one-too-many', ON_CLIP_READY, { competition: 'crowded' });

    expect(await client.next()).toEqual({
      type: 'error',
      id: 'one-too-many',
      payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }] },
    });
    // A stop makes room again.
    client.send({ type: 'stop', id: 'many-0' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'many-0' });
    start(client, 'room-again', ON_CLIP_READY, { competition: 'crowded' });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'room-again' });
    client.close();
    await client.closed;
    await expect.poll(() => engine.openSubscriptions()).toBe(0);
  });

  it('drops a payload over the 240 kB subscription payload quota and delivers the ones after it', async () => {
    const client = await connect();
    start(client, 'big', ON_CLIP_READY, { competition: 'big' });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'big' });
    const oversized = { ...publishedClip('big', 'clip-big', 'READY'), title: 'x'.repeat(240 * 1024) };
    const body = JSON.stringify({ query: PUBLISH_CLIP_UPDATE, variables: { input: oversized } });
    const published = await postGraphQL(harness.server.graphqlUrl, body, await sigV4Headers(harness.principal, harness.server.graphqlUrl, body));
    expect(published.status).toBe(200);

    await publish('big', 'clip-small');

    expect(await client.next()).toMatchObject({ type: 'data', id: 'big', payload: { data: { onClipReady: { clipId: 'clip-small' } } } });
    expect(harness.logs.some((line) => /dropped a \d+-byte payload for subscription big/.test(line))).toBe(true);
    client.close();
    await client.closed;
    await expect.poll(() => engine.openSubscriptions()).toBe(0);
  });

  it('ends its subscriptions when the client goes away', async () => {
    await expect.poll(() => engine.openSubscriptions()).toBe(0);
    const client = await connect();
    start(client, 'gone', ON_CLIP_READY, { competition: 'gone' });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'gone' });
    expect(engine.openSubscriptions()).toBe(1);
    client.close();
    await client.closed;
    await expect.poll(() => engine.openSubscriptions()).toBe(0);
  });
});
