// The GraphQL HTTP endpoint as clients see it, with fetch, in front of the real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithPassword } from '../../../../contracts/cognitoSignIn.ts';
import { postGraphQL, sigV4Headers, startHarness, type Harness } from './helpers.ts';
import { HARVEST_REFUSAL, publishedClip, PUBLISH_CLIP_UPDATE, startRealEngine, type RealEngine } from './realEngine.ts';

const CLIPS = '{ clipsByCompetition(competition: "http") { items { clipId status } nextToken } }';
const CREATE_CLIP = 'mutation { createClip(input: { competition: "http", title: "goal" }) { competition status title failureReason } }';

describe('GraphQL HTTP endpoint', () => {
  let real: RealEngine;
  let harness: Harness;
  let url: string;

  beforeAll(async () => {
    real = await startRealEngine();
    harness = await startHarness(real.engine);
    url = harness.server.graphqlUrl;
  });
  afterAll(async () => {
    await harness.stop();
    await real.stop();
  });

  it('answers a query with an API key with 200 and data', async () => {
    const response = await postGraphQL(url, { query: CLIPS }, { 'x-api-key': harness.apiKey.id });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { clipsByCompetition: { items: [], nextToken: null } } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('runs the @aws_iam mutation for an IAM-signed request, and refuses it to an API key caller in AppSync error shape', async () => {
    const body = JSON.stringify({ query: PUBLISH_CLIP_UPDATE, variables: { input: publishedClip('http', 'c1', 'READY') } });
    const signed = await postGraphQL(url, body, await sigV4Headers(harness.principal, url, body));
    expect(signed.body).toEqual({ data: { publishClipUpdate: { competition: 'http', clipId: 'c1', status: 'READY', title: 'Clip c1' } } });

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
          locations: [{ line: 3, column: 5, sourceName: null }],
          message: 'Not Authorized to access publishClipUpdate on type Mutation',
        },
      ],
    });
  });

  it('lets a Cognito user in the editors group create a clip, and refuses one without the group', async () => {
    const viewer = await postGraphQL(url, { query: CREATE_CLIP }, { authorization: harness.issuer.issueToken({ username: 'viewer' }) });
    expect(viewer.body).toMatchObject({ data: null, errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access createClip on type Mutation' }] });

    const editor = await postGraphQL(url, { query: CREATE_CLIP }, { authorization: `Bearer ${harness.issuer.issueToken({ username: 'editor', groups: ['editors'] })}` });
    expect(editor.body).toEqual({
      data: { createClip: { competition: 'http', status: 'FAILED', title: 'goal', failureReason: `The harvest could not start: ${HARVEST_REFUSAL}` } },
    });
  });

  it('signs a listed user in through Cognito\'s InitiateAuth, with id and access tokens the endpoint accepts', async () => {
    const tokens = await signInWithPassword({ endpoint: harness.server.signInUrl!, clientId: harness.issuer.clientId, username: 'page-editor', password: 'any' });

    expect(tokens).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    for (const token of [tokens.IdToken, tokens.AccessToken]) {
      const created = await postGraphQL(url, { query: CREATE_CLIP }, { authorization: token });
      expect(created.body).toMatchObject({ data: { createClip: { competition: 'http', status: 'FAILED' } } });
    }
  });

  it.each([
    { name: 'an unlisted user', change: { username: 'intruder' }, type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    { name: 'another app client', change: { clientId: 'otherclient' }, type: 'ResourceNotFoundException', message: 'User pool client otherclient does not exist.' },
  ])('refuses $name as Cognito does ($type)', async ({ change, type, message }) => {
    const attempt = signInWithPassword({ endpoint: harness.server.signInUrl!, clientId: harness.issuer.clientId, username: 'page-viewer', password: 'any', ...change });

    await expect(attempt).rejects.toMatchObject({ name: 'SignInError', type, message });
  });

  it('answers only InitiateAuth with USER_PASSWORD_AUTH', async () => {
    const post = (target: string, body: unknown) =>
      fetch(harness.server.signInUrl!, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body: JSON.stringify(body) });

    const signUp = await post('AWSCognitoIdentityProviderService.SignUp', { ClientId: harness.issuer.clientId });
    const srp = await post('AWSCognitoIdentityProviderService.InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: harness.issuer.clientId, AuthParameters: { USERNAME: 'page-viewer' } });

    expect([signUp.status, ((await signUp.json()) as { __type: string }).__type]).toEqual([400, 'UnsupportedOperationException']);
    expect([srp.status, ((await srp.json()) as { __type: string }).__type]).toEqual([400, 'InvalidParameterException']);
  });

  it('refuses a bad API key with 401 UnauthorizedException, and a bad signature with 403', async () => {
    const response = await postGraphQL(url, { query: CLIPS }, { 'x-api-key': 'da2-00000000000000000000000000' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(response.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });

    const body = JSON.stringify({ query: CLIPS });
    const headers = await sigV4Headers(harness.principal, url, body);
    const tampered = await postGraphQL(url, body.replace('http', 'other'), headers);
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
    const huge = JSON.stringify({ query: CLIPS, variables: { padding: 'x'.repeat(6 * 1024 * 1024) } });
    expect(await postGraphQL(url, huge, headers)).toMatchObject({
      status: 400,
      body: { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is too large.' }] },
    });
  });

  it('reports validation errors in a 200 with a null path and sourceName in locations', async () => {
    const response = await postGraphQL(url, { query: '{ badfield }' }, { 'x-api-key': harness.apiKey.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ errors: [{ path: null, locations: [{ line: 1, column: 3, sourceName: null }] }] });
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
