// The local home's auth modes as a user meets them: `--auth cognito` has no API key anywhere (the
// outputs file, the page's config, the banner) and says how to sign in; `--local-sign-in` answers
// Cognito's InitiateAuth for its named users only, and is off unless asked for; scripts get their
// auth headers from the outputs through local/client/signIn.ts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIATE_AUTH_TARGET } from '../../../contracts/cognitoSignIn.ts';
import type { ClipsOutputs } from '../../../contracts/outputs.ts';
import { CompetitionsDocument, CreateClipDocument } from '../../../generated/operations/graphql.ts';
import { graphqlRequestWith } from '../../../local/client/graphqlRequest.ts';
import { authHeaders } from '../../../local/client/signIn.ts';
import { banner, localSignInUsers } from '../../../local/home/banner.ts';
import { startLocalHome, type LocalHome, type LocalHomeOptions } from '../../../local/home/index.ts';

async function startHome(options: LocalHomeOptions): Promise<{ home: LocalHome; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'home-auth-'));
  const home = await startLocalHome({ dataDir, encoders: false, sweepIntervalMs: 'off', log: () => {}, ...options });
  return {
    home,
    async stop() {
      await home.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const USERS = { editor: ['editors'], viewer: [] };

describe('--auth cognito --local-sign-in', () => {
  let started: Awaited<ReturnType<typeof startHome>>;
  let home: LocalHome;

  beforeAll(async () => {
    started = await startHome({ auth: 'cognito', localSignIn: { users: USERS } });
    home = started.home;
  });
  afterAll(async () => {
    await started?.stop();
  });

  it('writes no API key to the outputs file or the page config, and names Cognito and the sign-in', async () => {
    const written = JSON.parse(await readFile(home.outputsFile, 'utf8')) as ClipsOutputs;
    const config = (await (await fetch(new URL('/config.json', home.pageUrl))).json()) as ClipsOutputs;

    for (const outputs of [written, config]) {
      expect(outputs.auth).toMatchObject({ defaultMode: 'AMAZON_COGNITO_USER_POOLS', userPoolClientId: 'localclient', signInEndpoint: new URL('/cognito-idp/', home.pageUrl).href });
      expect(outputs.auth.apiKey).toBeUndefined();
    }
    expect(JSON.stringify(config)).not.toContain(home.api.credentials.apiKey.id);
  });

  it('refuses the home\'s own API key, as the AWS home refuses any', async () => {
    const { errors } = await graphqlRequestWith(home.outputs.graphql.url, { 'x-api-key': home.api.credentials.apiKey.id }, CompetitionsDocument, {});

    expect(errors).toEqual([expect.objectContaining({ errorType: 'UnauthorizedException' })]);
  });

  it('lets a script sign in as a named user from the outputs alone, and refuses an unnamed one', async () => {
    const editor = await authHeaders(home.outputs, { username: 'editor', password: '' });
    const viewer = await authHeaders(home.outputs, { username: 'viewer', password: '' });

    const made = await graphqlRequestWith(home.outputs.graphql.url, editor, CreateClipDocument, { input: { competition: 'signed-in' } });
    const refused = await graphqlRequestWith(home.outputs.graphql.url, viewer, CreateClipDocument, { input: { competition: 'signed-in' } });

    expect(made.data?.createClip).toMatchObject({ competition: 'signed-in', createdBy: 'editor' });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    await expect(authHeaders(home.outputs, { username: 'mallory', password: 'guess' })).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    await expect(authHeaders(home.outputs)).rejects.toThrow(/no API key: name a user/);
  });

  it('prints the mode, the sign-in with its users and a warning, and no API key', () => {
    const text = banner(home, { host: '127.0.0.1', exposed: false, users: USERS });

    expect(text).toContain('Cognito user pools (default mode) and IAM, no API key');
    expect(text).toContain('editor (editors), viewer');
    expect(text).toMatch(/WARNING +--local-sign-in checks no password/);
    expect(text).toContain(INITIATE_AUTH_TARGET);
    expect(text).not.toContain(home.api.credentials.apiKey.id);
  });
});

describe('--auth cognito without --local-sign-in', () => {
  let started: Awaited<ReturnType<typeof startHome>>;

  beforeAll(async () => {
    started = await startHome({ auth: 'cognito' });
  });
  afterAll(async () => {
    await started?.stop();
  });

  it('answers no sign-in, says so, and a script is told why it cannot sign in', async () => {
    const { home } = started;
    const attempt = await fetch(new URL('/cognito-idp/', home.pageUrl), { method: 'POST', headers: { 'x-amz-target': INITIATE_AUTH_TARGET }, body: '{}' });

    expect(attempt.status).toBe(404);
    expect(home.outputs.auth.signInEndpoint).toBeUndefined();
    expect(banner(home, { host: '127.0.0.1', exposed: false, users: undefined })).toContain('Nobody can sign in: start with --local-sign-in');
    await expect(authHeaders(home.outputs, { username: 'editor', password: '' })).rejects.toThrow(/without --local-sign-in/);
  });
});

describe('--user', () => {
  it('adds users with their groups to the editor and the viewer', () => {
    expect(localSignInUsers(['producer=producers,editors', 'guest'])).toEqual({ editor: ['editors'], viewer: [], producer: ['producers', 'editors'], guest: [] });
  });

  it('refuses what is not a username with groups, saying what it should look like', () => {
    expect(localSignInUsers(['a b=editors'])).toMatch(/^--user must look like producer=producers,editors/);
  });
});
