// The GraphQL HTTP endpoint as clients see it, with fetch. The engine is the test stand-in
// (./testEngine.ts) until local/appsync/engine exports createEngine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine } from './testEngine.ts';
import { postGraphQL, sigV4Headers, startHarness, type Harness } from './helpers.ts';

const PUBLISH = 'mutation { publishClipUpdate(competition: "c", clipId: "1", status: "READY") { clipId status } }';

describe('GraphQL HTTP endpoint', () => {
  let harness: Harness;
  let url: string;

  beforeAll(async () => {
    harness = await startHarness(createTestEngine());
    url = harness.server.graphqlUrl;
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers a query with an API key with 200 and data', async () => {
    const response = await postGraphQL(url, { query: '{ whoami }' }, { 'x-api-key': harness.apiKey.id });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { whoami: 'API_KEY:' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('runs an @aws_iam mutation for an IAM-signed request, and refuses it to an API key caller in AppSync error shape', async () => {
    const body = JSON.stringify({ query: PUBLISH });
    const signed = await postGraphQL(url, body, await sigV4Headers(harness.principal, url, body));
    expect(signed.body).toEqual({ data: { publishClipUpdate: { clipId: '1', status: 'READY' } } });

    const withKey = await postGraphQL(url, body, { 'x-api-key': harness.apiKey.id });
    expect(withKey.status).toBe(200);
    expect(withKey.body).toEqual({
      data: { publishClipUpdate: null },
      errors: [
        {
          path: ['publishClipUpdate'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 12, sourceName: null }],
          message: 'Not Authorized to access publishClipUpdate on type Mutation',
        },
      ],
    });
  });

  it('tells the IAM caller who it is', async () => {
    const body = JSON.stringify({ query: '{ whoami }' });
    const response = await postGraphQL(url, body, await sigV4Headers(harness.principal, url, body));
    expect(response.body).toEqual({ data: { whoami: `AWS_IAM:${harness.principal.userId}` } });
  });

  it('refuses a bad API key with 401 UnauthorizedException, and a bad signature with 403', async () => {
    const response = await postGraphQL(url, { query: '{ whoami }' }, { 'x-api-key': 'da2-00000000000000000000000000' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(response.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });

    const body = JSON.stringify({ query: '{ whoami }' });
    const headers = await sigV4Headers(harness.principal, url, body);
    const tampered = await postGraphQL(url, body.replace('whoami', 'whoami '), headers);
    expect(tampered.status).toBe(403);
    expect(tampered.body).toMatchObject({ errors: [{ errorType: 'InvalidSignatureException' }] });
  });

  it('answers malformed requests with 400 MalformedHttpRequestException', async () => {
    const headers = { 'x-api-key': harness.apiKey.id };
    expect(await postGraphQL(url, '', headers)).toMatchObject({
      status: 400,
      body: { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }] },
    });
    for (const body of ['meow', '{}', '[]']) {
      expect(await postGraphQL(url, body, headers)).toMatchObject({
        status: 400,
        body: { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] },
      });
    }
  });

  it('reports validation errors in a 200 with null path and sourceName in locations', async () => {
    const response = await postGraphQL(url, { query: '{ badfield }' }, { 'x-api-key': harness.apiKey.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: null, errors: [{ path: null, locations: [{ line: 1, column: 3, sourceName: null }] }] });
  });

  it('answers a browser preflight with the headers AppSync clients send', async () => {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key,x-amz-user-agent' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = response.headers.get('access-control-allow-headers') ?? '';
    for (const header of ['content-type', 'x-api-key', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent']) expect(allowed).toContain(header);
  });

  it('publishes the user pool keys as a JWKS, like Cognito', async () => {
    for (const path of ['/.well-known/jwks.json', `/${harness.issuer.userPoolId}/.well-known/jwks.json`]) {
      const response = await fetch(new URL(path, url));
      expect(await response.json()).toEqual(harness.issuer.jwks);
    }
  });
});
