// The player page against a home in the AWS home's auth shape (--auth cognito --local-sign-in), in
// a real browser: the config has no API key, so the page shows a labelled sign-in form; a wrong
// user is told why, a viewer is told only editors can clip, an editor clips; the real-time
// connection opens with the signed-in user's token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalHome, type LocalHome } from '../../local/home/index.ts';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.ts';
import { liveContent } from '../support/liveContent.ts';

let dataDir: string;
let home: LocalHome;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const executablePath = findChromium();
  dataDir = await mkdtemp(join(tmpdir(), 'page-sign-in-'));
  home = await startLocalHome({
    dataDir,
    auth: 'cognito',
    localSignIn: { users: { editor: ['editors'], viewer: [] } },
    sweepIntervalMs: 'off',
    log: () => {},
  });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  // Once the stream plays: before that the page's message area says it is retrying the stream.
  await liveContent(home.outputs.live.channels[0]!.playbackUrl, 4);
  await page.goto(home.pageUrl);
}, 5 * 60_000);

afterAll(async () => {
  await browser?.close();
  await home?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function signIn(username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill('anything');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it('is configured without an API key, and asks the user to sign in', async () => {
  const config = (await (await fetch(new URL('/config.json', home.pageUrl))).json()) as typeof home.outputs;
  expect(config.auth).toEqual({
    defaultMode: 'AMAZON_COGNITO_USER_POOLS',
    userPoolId: home.outputs.auth.userPoolId,
    userPoolClientId: home.outputs.auth.userPoolClientId,
    signInEndpoint: home.outputs.auth.signInEndpoint,
  });

  await expect.poll(() => page.getByRole('form', { name: 'Sign in' }).isVisible()).toBe(true);
});

it('tells a user the sign-in does not know why it failed', async () => {
  await signIn('intruder');

  await expect.poll(() => page.textContent('#signInError')).toBe('Sign-in failed: Incorrect username or password. Check both and try again.');
});

it('signs a viewer in, opens the live updates with their token, and tells them only editors can clip', async () => {
  await signIn('viewer');

  await expect.poll(() => page.textContent('#signedIn')).toBe('Signed in as viewer');
  await expect.poll(() => page.textContent('#status')).toBe('live updates on');
  await page.getByRole('button', { name: 'Clip the last 30 s' }).click();
  await expect.poll(() => page.textContent('#error')).toBe('Only editors can clip: sign in as a member of the editors group.');
  expect(await page.locator('#library li').count()).toBe(0);
});

it('signs the viewer out and an editor in, whose click makes a clip', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn('editor');

  await expect.poll(() => page.textContent('#signedIn')).toBe('Signed in as editor');
  await page.getByRole('button', { name: 'Clip the last 30 s' }).click();
  await expect.poll(() => page.locator('#library li').count()).toBe(1);
  await page.reload();
  // The session outlives a reload, as a signed-in user expects.
  await expect.poll(() => page.textContent('#signedIn')).toBe('Signed in as editor');
  await expect.poll(() => page.locator('#library li').count()).toBe(1);
});

it('logs no errors to the console but the browser\'s note of the refused sign-in (HTTP 400)', () => {
  expect(consoleErrors.filter((text) => !/status of 400/.test(text))).toEqual([]);
  expect(consoleErrors).toHaveLength(1);
});
