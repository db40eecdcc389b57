// AppSync's real-time protocol, sentence by sentence, with a raw `ws` client. The engine is the
// test stand-in (./testEngine.ts) until local/appsync/engine exports createEngine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine } from './testEngine.ts';
import { headerSubprotocol, postGraphQL, RawClient, sigV4Headers, startHarness, type Harness } from './helpers.ts';

const ON_CLIP_READY = 'subscription OnClipReady($competition: ID!) { onClipReady(competition: $competition) { competition clipId status } }';
const PUBLISH = 'mutation Publish($competition: ID!, $clipId: ID!) { publishClipUpdate(competition: $competition, clipId: $clipId, status: "READY") { competition clipId status } }';

describe('real-time endpoint', () => {
  const engine = createTestEngine();
  let harness: Harness;
  let host: string;
  const apiKeyAuth = () => ({ host, 'x-api-key': harness.apiKey.id });

  beforeAll(async () => {
    harness = await startHarness(engine, { keepAliveMs: 50 });
    host = new URL(harness.server.graphqlUrl).host;
  });
  afterAll(async () => {
    await harness.stop();
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
    const body = JSON.stringify({ query: PUBLISH, variables: { competition, clipId } });
    const response = await postGraphQL(harness.server.graphqlUrl, body, await sigV4Headers(harness.principal, harness.server.graphqlUrl, body));
    expect(response.body).toEqual({ data: { publishClipUpdate: { competition, clipId, status: 'READY' } } });
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
      payload: { data: { onClipReady: { __typename: 'Clip', competition: 'final', clipId: 'clip-1', status: 'READY' } } },
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
    const query = `?header=${Buffer.from(JSON.stringify(apiKeyAuth())).toString('base64')}&payload=e30=`;
    const viaQuery = new RawClient(`${harness.server.realtimeUrl}${query}`, ['graphql-ws']);
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
    const signed = await sigV4Headers(harness.principal, `${harness.server.graphqlUrl}/connect`, '{}', {
      accept: 'application/json, text/javascript',
      'content-encoding': 'amz-1.0',
      'content-type': 'application/json; charset=UTF-8',
    });
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

  it('refuses a subscription the caller may not access, and accepts it for a Cognito user in the group', async () => {
    const client = await connect();
    const news = 'subscription { onEditorsNews { clipId } }';
    const viewer = harness.issuer.issueToken({ username: 'viewer' });
    start(client, 'viewer-news', news, {}, { host, Authorization: viewer });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'viewer-news',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onEditorsNews on type Subscription' }] },
    });
    const editor = harness.issuer.issueToken({ username: 'editor', groups: ['editors'] });
    start(client, 'editor-news', news, {}, { host, Authorization: editor });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'editor-news' });
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
    start(client, 'q', '{ whoami }', {});
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'q',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }] },
    });
    client.send('not json');
    expect(await client.next()).toEqual({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'Message must be valid JSON' }] } });
    client.close();
  });

  it('ends its subscriptions when the client goes away', async () => {
    await expect.poll(() => engine.listenerCount()).toBe(0);
    const client = await connect();
    start(client, 'gone', ON_CLIP_READY, { competition: 'gone' });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'gone' });
    expect(engine.listenerCount()).toBe(1);
    client.close();
    await client.closed;
    await expect.poll(() => engine.listenerCount()).toBe(0);
  });
});
