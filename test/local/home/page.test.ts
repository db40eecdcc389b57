// The player page beside the API: the page at the root, its scripts, and /config.json in the
// outputs file's shape without the backend's IAM keys (anyone who can open the page reads it).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalHome, type LocalHome } from '../../../local/home/index.ts';

let dataDir: string;
let home: LocalHome;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'home-page-'));
  home = await startLocalHome({ dataDir, encoders: false, sweepIntervalMs: 'off', log: () => {} });
});

afterAll(async () => {
  await home?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('serves the page at the API root and its entry script', async () => {
  const page = await fetch(home.pageUrl);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('<script type="module" src="/web/main.js">');

  const script = await fetch(new URL('/web/main.js', home.pageUrl));
  expect(script.headers.get('content-type')).toContain('text/javascript');
  expect((await script.text()).length).toBeGreaterThan(1000);
});

it('serves the outputs as the page config, without the backend IAM keys', async () => {
  const config = (await (await fetch(new URL('/config.json', home.pageUrl))).json()) as typeof home.outputs;

  expect(config.graphql).toEqual(home.outputs.graphql);
  expect(config.auth.apiKey).toBe(home.outputs.auth.apiKey);
  expect(config.auth.iam).toBeUndefined();
  expect(home.outputs.auth.iam).toBeDefined();
  expect(config.live).toEqual(home.outputs.live);
});

it('serves nothing else from the page, and the API stays where it was', async () => {
  for (const path of ['/web/../credentials/iam.json', '/outputs.json', '/web/nothing.js']) {
    expect((await fetch(new URL(path, home.pageUrl))).status, path).toBe(404);
  }
  expect((await fetch(home.outputs.graphql.url, { method: 'POST', body: '{}' })).status).toBe(401);
});
