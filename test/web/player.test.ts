// The player page in a real browser against the running local home: the live stream plays, a
// clip made with a click (or mark in / mark out, from the keyboard) plays its preview at once,
// shows its status changing and arrives in the library as READY without a reload, and plays; a
// title is edited, pushed to another open page, and a conflicting edit is explained; refusals get
// a message a person can act on (the window, editors only, a failed harvest, an API that does not
// answer); a dropped real-time connection shows as offline and, once back, the page lists what it
// missed; the library pages with "Load more". Any console error fails the test it happened in.
// A screenshot is kept in test-results/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ClipDocument, ClipsByCompetitionDocument, CreateClipDocument, UpdateClipDocument } from '../../generated/operations/graphql.ts';
import { graphqlRequest } from '../../local/client/graphqlRequest.ts';
import { startLocalHome, type LocalHome } from '../../local/home/index.ts';
import { MediaPackageV2ApiError } from '../../local/mediapackage-v2/index.ts';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.ts';
import { liveContent, playlistContent } from '../support/liveContent.ts';

// 40 s: "Clip the last 30 s" fits, "Clip the last 60 s" does not.
const STARTOVER_WINDOW_SECONDS = 40;

let dataDir: string;
let home: LocalHome;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
let allowedConsoleErrors: RegExp[] = [];
// The default channel is v2's (channel group live, channel live, endpoint live-hls).
const HARVEST_JOBS_PATH = '/channelGroup/live/channel/live/originEndpoint/live-hls/harvestJob';
/** While set, the local MediaPackage v2 refuses new harvest jobs, as it would a bad request. */
let refuseHarvests = false;

beforeAll(async () => {
  const executablePath = findChromium();
  dataDir = await mkdtemp(join(tmpdir(), 'player-page-'));
  home = await startLocalHome({
    dataDir,
    startoverWindowSeconds: STARTOVER_WINDOW_SECONDS,
    faults: {
      mediaPackageV2: ({ method, path }) =>
        refuseHarvests && method === 'POST' && path === HARVEST_JOBS_PATH
          ? new MediaPackageV2ApiError('ValidationException', 'The harvest job\'s time range is not on the endpoint', { ValidationExceptionType: 'HARVESTED_MANIFEST_NOT_FOUND_ON_ENDPOINT' })
          : undefined,
    },
    log: () => {},
  });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  page = await openPage();
  // As a person opens it: once the stream has started (before that the page says it is retrying).
  await liveContent(home.outputs.live.channels[0]!.playbackUrl!, 4);
  await page.goto(home.pageUrl);
}, 10 * 60_000);

/** Console errors the current test causes on purpose (the browser logs refused connections itself). */
function allowConsoleErrors(...patterns: RegExp[]): void {
  allowedConsoleErrors.push(...patterns);
}

afterEach(() => {
  const unexpected = consoleErrors.splice(0).filter((message) => !allowedConsoleErrors.some((pattern) => pattern.test(message)));
  allowedConsoleErrors = [];
  expect(unexpected, 'console errors in the page').toEqual([]);
});

/** A tab of the page, whose console errors fail the test they happen in. */
async function openPage(): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.on('pageerror', (error) => consoleErrors.push(error.message));
  return opened;
}

afterAll(async () => {
  if (page) {
    // As a person sees the page: no control focused or hovered (the video's own controls hide).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    await page.waitForTimeout(3_000);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/player.png' });
  }
  await browser?.close();
  await home?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const currentTime = (selector: string) => page.$eval(selector, (video) => (video as HTMLVideoElement).currentTime);

/** The video plays: its time advances, and its AAC audio is decoded too (Chromium counts the bytes). */
async function advances(selector: string): Promise<void> {
  await page.waitForFunction((s) => (document.querySelector(s) as HTMLVideoElement).currentTime > 0.5, selector, { timeout: 60_000 });
  const before = await currentTime(selector);
  await expect.poll(() => currentTime(selector), { timeout: 15_000 }).toBeGreaterThan(before + 0.5);
  const audioBytes = () => page.$eval(selector, (video) => (video as HTMLVideoElement & { webkitAudioDecodedByteCount: number }).webkitAudioDecodedByteCount);
  await expect.poll(audioBytes, { timeout: 5_000 }).toBeGreaterThan(0);
}

it('plays the live stream of the picked competition, with its program-date-time clock', async () => {
  await advances('#live');
  await expect.poll(() => page.textContent('#clock'), { timeout: 10_000 }).not.toBe('–');
  // The picker offers what Query.competitions lists: the home's channel, by its id.
  expect(await page.inputValue('#competition')).toBe('live');
  await expect.poll(() => page.$$eval('#competitions option', (options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual(['live']);
}, 90_000);

it('makes a clip with a click, shows its status changing, lists it READY without a reload and plays it', async () => {
  await liveContent(home.outputs.live.channels[0]!.playbackUrl!, 32);
  const requested: string[] = [];
  const record = (request: Request) => requested.push(request.url());
  page.on('request', record);
  await page.click('text=Clip the last 30 s');

  // Every status the item shows, from the click on (polled alongside the preview's checks).
  const item = page.locator('#library li').first();
  const statuses: string[] = [];
  // expect.poll starts polling only once awaited: awaited here, it runs while the preview is checked.
  const ready = (async () =>
    expect
      .poll(
        async () => {
          const status = await item.getAttribute('data-status');
          if (status && statuses.at(-1) !== status) statuses.push(status);
          return status;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('READY'))();
  // Its failure is reported where it is awaited, below.
  ready.catch(() => undefined);

  // The clip plays at once, from its previewUrl (the live origin's time-shifted window).
  const clipId = (await item.getAttribute('data-clip-id'))!;
  // A person tabbing through the list keeps their place while the pushes redraw the clip.
  await item.getByRole('button', { name: /^Delete / }).focus();
  await expect.poll(() => page.getAttribute('#replay', 'data-clip-id'), { timeout: 10_000 }).toBe(clipId);
  await advances('#replay');
  page.off('request', record);
  const { data: made } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, ClipDocument, { competition: 'live', clipId });
  expect(requested).toContain(made!.clip!.previewUrl);

  await ready;
  expect(statuses.length).toBeGreaterThan(1);
  expect(statuses[0]).not.toBe('READY');
  expect(await item.evaluate((element) => element.contains(document.activeElement) && document.activeElement?.textContent)).toBe('Delete');

  await item.click();
  await advances('#replay');
  expect(await page.textContent('#error')).toBe('');
}, 120_000);

it('says why a range older than the window cannot be clipped', async () => {
  await page.click('text=Clip the last 60 s');

  await expect.poll(() => page.textContent('#error'), { timeout: 10_000 }).toBe('That range is older than the 40-second window the channel keeps: clip a later or shorter range.');
}, 30_000);

/** The focused element as assistive technology gets it: Chromium's own accessibility tree, over CDP. */
async function focusedControl(): Promise<{ id: string; role: string; name: string } | undefined> {
  // Past the last control Tab leaves the page for the browser's own controls, and comes back.
  if (await page.evaluate(() => document.activeElement === document.body || !document.hasFocus())) return undefined;
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId!, fetchRelatives: false });
    const node = nodes.find((candidate) => !candidate.ignored);
    const id = await page.evaluate(() => document.activeElement?.id ?? '');
    return { id, role: String(node?.role?.value ?? ''), name: String(node?.name?.value ?? '') };
  } finally {
    await cdp.detach();
  }
}

/** Presses Tab up to `presses` times, or until #`stopAt` has the focus, checking that each control it stops at has a name; answers the stops. */
async function tabStops(presses: number, stopAt?: string): Promise<Array<{ id: string; role: string; name: string }>> {
  const stops = [];
  for (let pressed = 0; pressed < presses; pressed += 1) {
    await page.keyboard.press('Tab');
    const control = await focusedControl();
    if (!control) continue;
    expect(control.name, `the accessible name of the ${control.role} #${control.id}`).not.toBe('');
    stops.push(control);
    if (control.id === stopAt) break;
  }
  return stops;
}

async function tabTo(id: string): Promise<void> {
  expect((await tabStops(60, id)).at(-1)?.id, `Tab reaches #${id}`).toBe(id);
}
const clockTime = async () => Date.parse((await page.getAttribute('#clock', 'datetime'))!);

it('clips from mark in to mark out, pressed with the keyboard, and the clip holds that range', async () => {
  await tabTo('markIn');
  const before = await clockTime();
  await page.keyboard.press('Space');
  const markedIn = (await page.getAttribute('#marked time', 'datetime'))!;
  // The mark is the frame on screen: what the clock beside the video showed.
  expect(Math.abs(Date.parse(markedIn) - before)).toBeLessThan(1000);

  await page.waitForTimeout(6_000);
  await tabTo('markOut');
  const outBefore = await clockTime();
  await page.keyboard.press('Enter');
  const item = page.locator(`#library li:has(time[datetime="${markedIn}"])`);
  await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
  expect(await page.textContent('#marked')).toBe('');
  expect(await page.getAttribute('#markOut', 'disabled')).not.toBeNull();
  // The keyboard stays where the next mark starts.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('markIn');

  await expect.poll(() => item.getAttribute('data-status'), { timeout: 60_000 }).toBe('READY');
  const clipId = (await item.getAttribute('data-clip-id'))!;
  const clip = (await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, ClipDocument, { competition: 'live', clipId })).data!.clip!;
  expect(clip.startTime).toBe(markedIn);
  expect(Math.abs(Date.parse(clip.endTime) - outBefore)).toBeLessThan(1000);
  // What was harvested is that range, give or take the segment cut at each end.
  const vod = await playlistContent(clip.manifests.find((manifest) => manifest.format === 'HLS')!.url);
  expect(Math.abs(vod.seconds - clip.durationSeconds)).toBeLessThanOrEqual(2 * vod.targetDuration);
}, 120_000);

it('marks in and out with the I and O keys, but not while a text field has the focus', async () => {
  await page.fill('#title', '');
  await page.focus('#title');
  await page.keyboard.type('io');
  expect(await page.inputValue('#title')).toBe('io');
  expect(await page.textContent('#marked')).toBe('');
  await page.fill('#title', 'marked with keys');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await page.keyboard.press('i');
  const markedIn = (await page.getAttribute('#marked time', 'datetime'))!;
  await page.waitForTimeout(3_000);
  await page.keyboard.press('o');
  const item = page.locator(`#library li:has(time[datetime="${markedIn}"])`);
  await expect.poll(() => item.locator('.title').textContent(), { timeout: 10_000 }).toBe('marked with keys');
  await page.fill('#title', '');
}, 30_000);

it('edits a clip\'s title in place, and another open page sees the new title pushed', async () => {
  const other = await openPage();
  await other.goto(home.pageUrl);
  const clipId = (await page.locator('#library li[data-status="READY"]').first().getAttribute('data-clip-id'))!;
  const item = page.locator(`#library li[data-clip-id="${clipId}"]`);
  const there = other.locator(`#library li[data-clip-id="${clipId}"]`);
  await expect.poll(() => there.count(), { timeout: 10_000 }).toBe(1);

  // Escape leaves the editor without saving, the keyboard back on its button.
  await item.getByRole('button', { name: /^Edit title of / }).click();
  await item.getByRole('textbox', { name: /^New title of / }).press('Escape');
  expect(await item.locator('form').count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Edit title');

  await page.keyboard.press('Enter');
  const input = item.getByRole('textbox', { name: /^New title of / });
  expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
  // A change to the clip that leaves its title alone (here its description; also the pipeline's
  // status and manifests) moves updatedAt on: the save goes over it without troubling anyone.
  const { data: described } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, ClipDocument, { competition: 'live', clipId });
  await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, UpdateClipDocument, {
    input: { competition: 'live', clipId, description: 'the first half', expectedUpdatedAt: described!.clip!.updatedAt },
  });
  await input.fill('Goal, 23rd minute');
  await input.press('Enter');
  await expect.poll(() => item.locator('.title').textContent(), { timeout: 10_000 }).toBe('Goal, 23rd minute');
  expect(await item.locator('form').count()).toBe(0);
  const { data: saved } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, ClipDocument, { competition: 'live', clipId });
  expect(saved!.clip).toMatchObject({ title: 'Goal, 23rd minute', description: 'the first half' });
  await expect.poll(() => there.locator('.title').textContent(), { timeout: 10_000 }).toBe('Goal, 23rd minute');

  // Both open an editor; this page saves first, so the other page's save is refused: it says so
  // with the title saved meanwhile, keeps its draft, and a second Save replaces it knowingly.
  await there.getByRole('button', { name: 'Edit title of Goal, 23rd minute' }).click();
  await there.getByRole('textbox', { name: /^New title of / }).fill('Own goal, 23rd minute');
  await item.getByRole('button', { name: 'Edit title of Goal, 23rd minute' }).click();
  await item.getByRole('textbox', { name: /^New title of / }).fill('Goal by the captain');
  await item.getByRole('textbox', { name: /^New title of / }).press('Enter');
  await expect.poll(() => there.locator('.title').textContent(), { timeout: 10_000 }).toBe('Goal by the captain');

  await there.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => there.getByRole('alert').textContent(), { timeout: 10_000 })
    .toBe('Someone else changed this clip while you were editing: its title is now \u201cGoal by the captain\u201d. Save again to replace it with yours, or cancel to keep theirs.');
  expect(await there.getByRole('textbox', { name: /^New title of / }).inputValue()).toBe('Own goal, 23rd minute');
  expect(await item.locator('.title').textContent()).toBe('Goal by the captain');

  await there.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => item.locator('.title').textContent(), { timeout: 10_000 }).toBe('Own goal, 23rd minute');
  expect(await there.locator('.title').textContent()).toBe('Own goal, 23rd minute');
  await other.close();
}, 60_000);

it('shows when it is offline, and after reconnecting lists the clip made meanwhile', async () => {
  // What the browser itself logs about the refused reconnects is the outage, not the page.
  allowConsoleErrors(/WebSocket connection to .* failed/);
  home.api.setRealtimeOutage(true);
  await expect.poll(() => page.getAttribute('#status', 'data-online'), { timeout: 70_000 }).toBe('false');
  expect(await page.textContent('#status')).toMatch(/offline/);

  // Made, and READY, while the page could hear nothing of it.
  const end = Date.now();
  const { data } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, CreateClipDocument, {
    input: { competition: 'live', title: 'made while offline', startTime: new Date(end - 10_000).toISOString(), endTime: new Date(end).toISOString() },
  });
  const clipId = data!.createClip.clipId;
  await expect
    .poll(async () => (await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, ClipDocument, { competition: 'live', clipId })).data?.clip?.status, {
      timeout: 60_000,
    })
    .toBe('READY');
  const item = page.locator(`#library li[data-clip-id="${clipId}"]`);
  expect(await item.count()).toBe(0);

  home.api.setRealtimeOutage(false);
  await expect.poll(() => page.getAttribute('#status', 'data-online'), { timeout: 30_000 }).toBe('true');
  await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('READY');
}, 180_000);

it('cancels a clip still harvesting and deletes one from the library with their buttons', async () => {
  const now = Date.now();
  // The default channel is v2's: a clip ending 20 s ahead harvests for that long.
  const { data } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, CreateClipDocument, {
    input: { competition: 'live', title: 'to cancel', startTime: new Date(now - 4_000).toISOString(), endTime: new Date(now + 20_000).toISOString() },
  });
  const harvesting = page.locator(`#library li[data-clip-id="${data!.createClip.clipId}"]`);
  await expect.poll(() => harvesting.getAttribute('data-status'), { timeout: 10_000 }).toBe('HARVESTING');

  await harvesting.getByRole('button', { name: 'Cancel to cancel' }).click();
  await expect.poll(() => harvesting.getAttribute('data-status'), { timeout: 10_000 }).toBe('CANCELLED');

  await harvesting.getByRole('button', { name: 'Delete to cancel' }).click();
  await expect.poll(() => harvesting.count(), { timeout: 10_000 }).toBe(0);
  expect(await page.textContent('#error')).toBe('');
}, 60_000);

it('says only editors can clip to a signed-in viewer', async () => {
  // The page signs in with the API key only for now (a Cognito sign-in is coming): the viewer's
  // token, which the local API verifies as AppSync does, is put on the page's request instead.
  const viewer = home.api.credentials.cognito.issueToken({ username: 'viewer' });
  await page.route(home.outputs.graphql.url, (route) => {
    const headers: Record<string, string> = { ...route.request().headers(), authorization: viewer };
    delete headers['x-api-key'];
    return route.continue({ headers });
  });
  await page.click('text=Clip the last 30 s');
  await expect.poll(() => page.textContent('#error'), { timeout: 10_000 }).toBe('Only editors can clip: sign in as a member of the editors group.');
  await page.unroute(home.outputs.graphql.url);
}, 30_000);

it('says the API is not answering when its requests fail', async () => {
  allowConsoleErrors(/ERR_CONNECTION_REFUSED/);
  await page.route(home.outputs.graphql.url, (route) => route.abort('connectionrefused'));
  await page.click('text=Clip the last 30 s');
  await expect.poll(() => page.textContent('#error'), { timeout: 10_000 }).toBe('The API is not answering: is the home running?');
  await page.unroute(home.outputs.graphql.url);
}, 30_000);

it('shows a clip that failed, with the reason', async () => {
  refuseHarvests = true;
  try {
    await page.fill('#title', 'refused by MediaPackage');
    await page.click('text=Clip the last 30 s');
    const item = page.locator('#library li', { hasText: 'refused by MediaPackage' });
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('FAILED');
    expect(await item.locator('.detail').textContent()).toBe(
      "The harvest could not start: MediaPackage v2 refused the harvest job: The harvest job's time range is not on the endpoint",
    );
  } finally {
    refuseHarvests = false;
    await page.fill('#title', '');
  }
}, 30_000);

it('lists the library newest first a page at a time, with Load more, every control named for Tab', async () => {
  const listed = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, ClipsByCompetitionDocument, { competition: 'live', limit: 100 });
  const newestFirst = listed.data!.clipsByCompetition.items.map((clip) => clip.clipId);
  expect(newestFirst.length).toBeGreaterThan(4);

  const paged = await openPage();
  const pageLoaded = () =>
    paged.waitForResponse((response) => response.url() === home.outputs.graphql.url && /ClipsByCompetition/.test(response.request().postData() ?? ''));
  await Promise.all([pageLoaded(), paged.goto(`${home.pageUrl}?limit=2`)]);
  const shown = () => paged.$$eval('#library li', (items) => items.map((item) => (item as HTMLElement).dataset['clipId']));
  // A page holds at most 2 clips: fewer where the API's page held deleted clips, which it leaves out.
  for (let pages = 1; ; pages += 1) {
    const clips = await shown();
    expect(clips.length).toBeLessThanOrEqual(2 * pages);
    expect(clips).toEqual(newestFirst.slice(0, clips.length));
    if (!(await paged.isVisible('#more'))) break;
    await Promise.all([pageLoaded(), paged.click('#more')]);
  }
  expect(await shown()).toEqual(newestFirst);
  await paged.close();

  // A round of the page with the keyboard reaches every clip's buttons, and every stop has a name.
  const stops = await tabStops(5 * newestFirst.length + 40);
  const editButtons = new Set(stops.filter((stop) => stop.role === 'button' && stop.name.startsWith('Edit title of ')).map((stop) => stop.name));
  expect(editButtons.size).toBe(newestFirst.length);
}, 60_000);
