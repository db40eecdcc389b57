// AWS Amplify v6 against the local endpoint over https:// and wss:// (Amplify rewrites any endpoint
// to wss://, hence TLS), in a child process that trusts the certificate via NODE_EXTRA_CA_CERTS.
// Behind the server: the real engine with the project's schema and resolvers.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, sigV4Headers, startHarness, type Harness } from './helpers.ts';
import { publishedClip, PUBLISH_CLIP_UPDATE, startRealEngine, type RealEngine } from './realEngine.ts';

describe('Amplify v6 over TLS', () => {
  let real: RealEngine;
  let harness: Harness;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    real = await startRealEngine();
    harness = await startHarness(real.engine, { tls: true });
  });
  afterAll(async () => {
    child?.kill();
    await harness.stop();
    await real.stop();
  });

  it('serves a query and delivers a subscription event to generateClient()', async () => {
    const endpoint = harness.server.httpsGraphqlUrl ?? '';
    expect(endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./amplifyClient.ts', import.meta.url))], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: harness.server.caCertPath, APPSYNC_ENDPOINT: endpoint, APPSYNC_API_KEY: harness.apiKey.id },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));

    await expect.poll(() => lines.some((line) => 'subscribed' in line || 'error' in line), { timeout: 30_000 }).toBe(true);
    expect(lines[0]).toEqual({ query: { clipsByCompetition: { items: [], nextToken: null } } });

    // Amplify reports no readiness to the caller, so publish until its first event lands.
    const body = JSON.stringify({ query: PUBLISH_CLIP_UPDATE, variables: { input: publishedClip('amplify', 'c1', 'READY') } });
    await expect
      .poll(
        async () => {
          if (!lines.some((line) => 'event' in line || 'error' in line)) {
            await postGraphQL(harness.server.graphqlUrl, body, await sigV4Headers(harness.principal, harness.server.graphqlUrl, body));
          }
          return lines.some((line) => 'event' in line || 'error' in line);
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    expect(lines.find((line) => 'error' in line), stderr).toBeUndefined();
    expect(lines.find((line) => 'event' in line)).toEqual({ event: { onClipReady: { competition: 'amplify', clipId: 'c1', status: 'READY', title: 'Clip c1' } } });
    expect(await exited).toBe(0);
  });
});
