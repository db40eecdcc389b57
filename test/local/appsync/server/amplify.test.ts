// AWS Amplify v6 against the local endpoint over https:// and wss:// (Amplify rewrites any endpoint
// to wss://, hence TLS), in a child process that trusts the certificate via NODE_EXTRA_CA_CERTS.
// Behind the server: the real engine with the project's schema and resolvers.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, REGION, sigV4Headers, startHarness, type Harness } from './helpers.ts';
import { publishedClip, PUBLISH_CLIP_UPDATE, startRealEngine, type RealEngine } from './realEngine.ts';

type Line = Record<string, unknown>;

describe('Amplify v6 over TLS', () => {
  let real: RealEngine;
  let harness: Harness;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    real = await startRealEngine();
    harness = await startHarness(real.engine, { tls: true });
  });
  afterAll(async () => {
    for (const child of children) child.kill();
    await harness.stop();
    await real.stop();
  });

  function runAmplify(env: Record<string, string>): { lines: Line[]; stderr: () => string; exited: Promise<number | null> } {
    const lines: Line[] = [];
    let stderr = '';
    let buffered = '';
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./amplifyClient.ts', import.meta.url))], {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: harness.server.caCertPath,
        APPSYNC_ENDPOINT: harness.server.httpsGraphqlUrl ?? '',
        APPSYNC_REGION: REGION,
        APPSYNC_API_KEY: harness.apiKey.id,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Line);
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { lines, stderr: () => stderr, exited };
  }

  const has = (lines: Line[], key: string) => lines.some((line) => key in line);

  it('serves https:// at the URL Amplify is configured with', () => {
    expect(harness.server.httpsGraphqlUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });

  it.each(['apiKey', 'userPool'])('serves a query and delivers a subscription event to generateClient() with %s auth', async (mode) => {
    const token = harness.issuer.issueToken({ username: 'amplify-viewer', tokenUse: 'access' });
    const { lines, stderr, exited } = runAmplify({ APPSYNC_AUTH: mode, APPSYNC_TOKEN: token });
    await expect.poll(() => has(lines, 'subscribed') || has(lines, 'error'), { timeout: 30_000 }).toBe(true);
    expect(lines[0], stderr()).toEqual({ query: { clipsByCompetition: { items: [], nextToken: null } } });

    // Amplify reports no readiness to the caller, so publish until its first event lands.
    const body = JSON.stringify({ query: PUBLISH_CLIP_UPDATE, variables: { input: publishedClip('amplify', `c-${mode}`, 'READY') } });
    await expect
      .poll(
        async () => {
          if (!has(lines, 'event') && !has(lines, 'error')) {
            await postGraphQL(harness.server.graphqlUrl, body, await sigV4Headers(harness.principal, harness.server.graphqlUrl, body));
          }
          return has(lines, 'event') || has(lines, 'error');
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    expect(lines.find((line) => 'error' in line), stderr()).toBeUndefined();
    expect(lines.find((line) => 'event' in line)).toEqual({ event: { onClipReady: { competition: 'amplify', clipId: `c-${mode}`, status: 'READY', title: `Clip c-${mode}` } } });
    expect(await exited).toBe(0);
  });

  it("signs the backend's mutation with IAM, and has its IAM-signed subscription refused by field authorization", async () => {
    const { lines, stderr, exited } = runAmplify({
      APPSYNC_AUTH: 'iam',
      APPSYNC_ACCESS_KEY_ID: harness.principal.accessKeyId,
      APPSYNC_SECRET_ACCESS_KEY: harness.principal.secretAccessKey,
      APPSYNC_PUBLISH: PUBLISH_CLIP_UPDATE,
      APPSYNC_PUBLISH_VARIABLES: JSON.stringify({ input: publishedClip('amplify', 'iam', 'READY') }),
    });
    expect(await exited, stderr()).toBe(0);
    expect(lines[0]).toEqual({ mutation: { publishClipUpdate: { competition: 'amplify', clipId: 'iam', status: 'READY', title: 'Clip iam' } } });
    // The connection and the start were both accepted as IAM: what refuses is onClipReady's directives.
    expect(String(lines.find((line) => 'error' in line)?.['error'])).toContain('Not Authorized to access onClipReady on type Subscription');
  });
});
