import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticate,
  AuthenticationError,
  createApiKey,
  createCognitoIssuer,
  createLocalIamPrincipal,
  loadOrCreateApiKey,
  loadOrCreateIamPrincipal,
  type AuthConfig,
  type CognitoIssuer,
  type IamPrincipal,
} from '../../../../local/appsync/auth/index.ts';

const REGION = 'eu-west-1';
const BODY = JSON.stringify({ query: '{ clip(competition: "c", clipId: "1") { clipId } }' });

async function signedHeaders(principal: IamPrincipal, options: { region?: string; body?: string; path?: string } = {}) {
  const signer = new SignatureV4({
    service: 'appsync',
    region: options.region ?? REGION,
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4000,
    path: options.path ?? '/graphql',
    headers: { host: '127.0.0.1:4000', 'content-type': 'application/json' },
    body: options.body ?? BODY,
  });
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

async function rejection(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('authenticate', () => {
  let dir: string;
  let issuer: CognitoIssuer;
  let principal: IamPrincipal;
  let config: AuthConfig;
  const apiKey = createApiKey();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'appsync-auth-'));
    issuer = await createCognitoIssuer({ keyFile: join(dir, 'cognito-key.pem') });
    principal = createLocalIamPrincipal({ accountId: '123456789012' });
    config = { apiKeys: [apiKey], iam: { region: REGION, principals: [principal] }, cognito: issuer };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const request = (headers: Record<string, string>, body = BODY) => ({ method: 'POST', path: '/graphql', headers, body, sourceIp: '127.0.0.1' });

  describe('API key', () => {
    it('accepts a known key and gives a Caller without identity', async () => {
      const caller = await authenticate(request({ 'x-api-key': apiKey.id }), config);
      expect(caller).toMatchObject({ authType: 'API_KEY', identity: null, headers: { 'x-api-key': apiKey.id } });
    });

    it('refuses an unknown key with a 401 UnauthorizedException', async () => {
      const error = await rejection(authenticate(request({ 'x-api-key': 'da2-notakeyofthisapi000000000' }), config));
      expect(error).toMatchObject({ statusCode: 401, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' });
    });

    it('refuses an expired key', async () => {
      const expired = createApiKey({ ttlDays: 1, now: new Date(Date.now() - 2 * 86_400_000) });
      const error = await rejection(authenticate(request({ 'x-api-key': expired.id }), { apiKeys: [expired] }));
      expect(error.statusCode).toBe(401);
    });

    it('creates a da2- key once and keeps it across restarts', async () => {
      const file = join(dir, 'api-key.json');
      const first = await loadOrCreateApiKey(file);
      expect(first.id).toMatch(/^da2-[a-z0-9]{26}$/);
      expect(await loadOrCreateApiKey(file)).toEqual(first);
    });
  });

  describe('IAM', () => {
    it('accepts a request signed with the local credentials and fills ctx.identity as AppSync does', async () => {
      const caller = await authenticate(request(await signedHeaders(principal)), config);
      expect(caller.authType).toBe('AWS_IAM');
      expect(caller.identity).toEqual({
        accountId: '123456789012',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['127.0.0.1'],
        username: principal.userId,
        userArn: principal.userArn,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      });
    });

    it('refuses a body changed after signing', async () => {
      const error = await rejection(authenticate(request(await signedHeaders(principal), BODY.replace('competition', 'competitor')), config));
      expect(error).toMatchObject({ statusCode: 403, errorType: 'InvalidSignatureException' });
    });

    it('refuses a wrong secret, an unknown access key and another region', async () => {
      const impostor = { ...principal, secretAccessKey: 'not-the-secret' };
      expect((await rejection(authenticate(request(await signedHeaders(impostor)), config))).errorType).toBe('InvalidSignatureException');
      const stranger = createLocalIamPrincipal();
      expect((await rejection(authenticate(request(await signedHeaders(stranger)), config))).errorType).toBe('UnrecognizedClientException');
      const elsewhere = await signedHeaders(principal, { region: 'us-east-1' });
      expect((await rejection(authenticate(request(elsewhere), config))).errorType).toBe('InvalidSignatureException');
    });

    it('keeps the local key pair across restarts', async () => {
      const file = join(dir, 'iam.json');
      const first = await loadOrCreateIamPrincipal(file, { accountId: '123456789012' });
      expect(first).toMatchObject({ accessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/) as unknown, userArn: 'arn:aws:iam::123456789012:user/local-backend' });
      expect(await loadOrCreateIamPrincipal(file)).toEqual(first);
    });

    it('never treats an API key as IAM, even when IAM is the only mode', async () => {
      const error = await rejection(authenticate(request({ 'x-api-key': apiKey.id }), { iam: config.iam }));
      expect(error.statusCode).toBe(401);
    });
  });

  describe('Cognito user pools', () => {
    it('accepts an id token with or without Bearer and exposes groups and claims', async () => {
      const token = issuer.issueToken({ username: 'editor1', groups: ['editors'] });
      for (const authorization of [token, `Bearer ${token}`]) {
        const caller = await authenticate(request({ authorization }), config);
        expect(caller.authType).toBe('AMAZON_COGNITO_USER_POOLS');
        expect(caller.identity).toMatchObject({
          username: 'editor1',
          groups: ['editors'],
          issuer: issuer.issuer,
          defaultAuthStrategy: 'ALLOW',
          sourceIp: ['127.0.0.1'],
          claims: { 'cognito:username': 'editor1', token_use: 'id', aud: issuer.clientId },
        });
      }
    });

    it('accepts an access token, and gives a user without groups null groups', async () => {
      const caller = await authenticate(request({ authorization: issuer.issueToken({ username: 'viewer', tokenUse: 'access' }) }), config);
      expect(caller.identity).toMatchObject({ username: 'viewer', groups: null, claims: { token_use: 'access', client_id: issuer.clientId } });
    });

    it('refuses an expired token, a tampered token and a token of another pool', async () => {
      const expired = issuer.issueToken({ username: 'u', ttlSeconds: -1 });
      expect((await rejection(authenticate(request({ authorization: expired }), config))).message).toBe('Token has expired.');

      const [header, , signature] = issuer.issueToken({ username: 'u' }).split('.');
      const forgedClaims = Buffer.from(JSON.stringify({ 'cognito:username': 'u', 'cognito:groups': ['editors'] })).toString('base64url');
      expect((await rejection(authenticate(request({ authorization: `${header}.${forgedClaims}.${signature}` }), config))).statusCode).toBe(401);

      const otherPool = await createCognitoIssuer({ userPoolId: 'us-east-1_other' });
      expect((await rejection(authenticate(request({ authorization: otherPool.issueToken({ username: 'u' }) }), config))).statusCode).toBe(401);
    });

    it('keeps its signing key across restarts when given a key file', async () => {
      const token = issuer.issueToken({ username: 'u' });
      const restarted = await createCognitoIssuer({ keyFile: join(dir, 'cognito-key.pem') });
      expect(restarted.verifyToken(token, '127.0.0.1').username).toBe('u');
      expect(restarted.jwks).toEqual(issuer.jwks);
    });
  });

  it('refuses a request without credentials', async () => {
    const error = await rejection(authenticate(request({}), config));
    expect(error).toMatchObject({ statusCode: 401, message: 'Valid authorization header not provided.' });
  });
});
