// Harvest and asset events as EventBridge may deliver them: twice, out of order, or never, to the
// running local home (real encoder, MediaPackage v2, MediaPackage-VOD) with its sweeper on a short
// schedule. Each competition gets its own way of delivery, through the home's delivery fault hook.
import '../functions/support/quietLogs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipKeyOf, assetIdOfArn } from '../../functions/commons/clips.ts';
import { finishedHarvestOf, type HarvestJobEvent } from '../../functions/commons/finishedHarvests.ts';
import { ClipDocument } from '../../generated/operations/graphql.ts';
import type { DeliveryFault } from '../../local/home/handlers.ts';
import type { EventBridgeEvent } from '../../local/eventbus/index.ts';
import type { ClipFlowHome, Watch } from '../functions/support/clipFlowHome.ts';
import { startFaultHome } from './support/faultHome.ts';
import { HARVEST_MS, PACKAGING_MS, SWEEP_FINDS_MS, SWEPT_TO_FINAL_MS } from './support/bounds.ts';
import { changesCursor, createClip, expectNothingLostStuckOrDoubled, type ApiAccess } from './support/outcomes.ts';

const CLIP_SECONDS = 4;
const CLIPS_PER_CASE = 3;

/** The clip an event is about: its harvest job's or its asset's. */
function competitionOf(route: string, event: EventBridgeEvent): string | undefined {
  if (route === 'packageClip') return finishedHarvestOf(event as unknown as HarvestJobEvent)?.key.competition;
  const assetId = assetIdOfArn(event.resources[0] ?? '');
  return assetId === undefined ? undefined : clipKeyOf(assetId)?.competition;
}

type Delivery = (route: string, event: EventBridgeEvent, handle: () => Promise<void>) => Promise<void>;

/** How each competition's events reach the handlers; others are delivered once. */
const deliveries = new Map<string, Delivery>();
const deliveryFault: DeliveryFault = (route, event, handle) => {
  const competition = competitionOf(route, event);
  const delivery = competition === undefined ? undefined : deliveries.get(competition);
  return delivery ? delivery(route, event, handle) : handle();
};

let home: ClipFlowHome;
let api: ApiAccess;

beforeAll(async () => {
  ({ home, api } = await startFaultHome(CLIP_SECONDS, { deliveryFault }));
}, 120_000);

afterAll(async () => {
  await home?.stop();
});

/** Makes the case's clips at once, ending now, and answers what the API said with when it said it. */
async function clipsOf(competition: string) {
  const cursor = await changesCursor(api, competition);
  const watch = await home.watch(competition);
  const clips = await Promise.all(Array.from({ length: CLIPS_PER_CASE }, () => createClip(api, competition, CLIP_SECONDS)));
  return { cursor, watch, clips, createdAt: Date.now() };
}

/** Subscribers saw each clip's statuses in order and its final status once, with nothing after it. */
async function expectPushedOnceEach(watch: Watch, clipIds: readonly string[]) {
  const order = ['PENDING', 'HARVESTING', 'PACKAGING', 'READY'];
  const updates = await watch.settle();
  for (const clipId of clipIds) {
    const statuses = updates.filter((update) => update.clipId === clipId).map((update) => update.status);
    expect(statuses.filter((status) => status === 'READY' || status === 'FAILED'), `pushes of ${clipId}: ${statuses.join(' ')}`).toHaveLength(1);
    expect(['READY', 'FAILED']).toContain(statuses.at(-1));
    const ranks = statuses.filter((status) => status !== 'FAILED').map((status) => order.indexOf(status));
    expect(ranks, `pushes of ${clipId} in order`).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(statuses).size, `no status pushed twice for ${clipId}: ${statuses.join(' ')}`).toBe(statuses.length);
  }
  watch.subscriber.close();
}

describe('harvest and asset events', () => {
  it('delivered twice, at once and again after the first copies were handled, change each clip once', async () => {
    // Both copies run at once, then a third after them: handlers race themselves, then meet a clip that moved on.
    deliveries.set('twice', async (_route, _event, handle) => {
      await Promise.all([handle(), handle()]);
      await handle();
    });
    const { cursor, watch, clips, createdAt } = await clipsOf('twice');

    // Bound: events come, so no sweep is needed: the harvest, then packaging.
    const BOUND_MS = HARVEST_MS + PACKAGING_MS;
    const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: BOUND_MS, sinceMs: createdAt, cursor });

    expect(settled.map((clip) => clip.status)).toEqual(clips.map(() => 'READY'));
    await expectPushedOnceEach(watch, clips.map((clip) => clip.clipId));
    expect(home.handlerErrors).toEqual([]);
  });

  it('delivered out of order (DASH before HLS, the harvest event again after both) take each clip to READY once', async () => {
    // Each clip's asset events are held until both have come, then handed over last first; the
    // harvest's COMPLETED event comes once more after them, as a late retry would.
    const held = new Map<string, Array<() => Promise<void>>>();
    const harvestRetries = new Map<string, () => Promise<void>>();
    deliveries.set('reordered', async (route, event, handle) => {
      if (route === 'packageClip') {
        harvestRetries.set(event.resources[0] ?? '', handle);
        return handle();
      }
      const asset = event.resources[0] ?? '';
      const waiting = held.get(asset) ?? [];
      held.set(asset, waiting);
      const turn = new Promise<void>((resolve, reject) => waiting.push(() => handle().then(resolve, reject)));
      if (waiting.length === 2) {
        for (const deliver of [...waiting].reverse()) await deliver().catch(() => undefined);
        for (const retry of harvestRetries.values()) await retry();
      }
      return turn;
    });
    const { cursor, watch, clips, createdAt } = await clipsOf('reordered');

    // Bound: the harvest, then packaging; the reordering only waits for the second output, which
    // packaging makes in its own time.
    const BOUND_MS = HARVEST_MS + PACKAGING_MS;
    const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: BOUND_MS, sinceMs: createdAt, cursor });

    expect(settled.map((clip) => clip.status)).toEqual(clips.map(() => 'READY'));
    // READY comes with HLS; DASH is stored beside it when its (reordered) event is handled.
    await home.bus.idle();
    for (const clip of settled) {
      const stored = (await home.app(ClipDocument, { competition: clip.competition, clipId: clip.clipId })).data?.clip;
      expect(stored?.manifests.map((manifest) => manifest.format).sort()).toEqual(['DASH', 'HLS']);
    }
    await expectPushedOnceEach(watch, clips.map((clip) => clip.clipId));
  });

  it('never delivered: the sweeper takes each clip to READY', async () => {
    deliveries.set('lost', async () => {});
    const { cursor, watch, clips, createdAt } = await clipsOf('lost');

    // Bound: nobody tells the handlers anything; see SWEPT_TO_FINAL_MS.
    const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: SWEPT_TO_FINAL_MS, sinceMs: createdAt, cursor });

    expect(settled.map((clip) => clip.status)).toEqual(clips.map(() => 'READY'));
    await expectPushedOnceEach(watch, clips.map((clip) => clip.clipId));
  });

  it('lost after the harvest only (asset events never come): the sweeper finishes what the events began', async () => {
    deliveries.set('half-told', async (route, _event, handle) => (route === 'packageClip' ? handle() : undefined));
    const { cursor, watch, clips, createdAt } = await clipsOf('half-told');

    // Bound: the harvest, packaging, then the sweep that finds the clip PACKAGING.
    const BOUND_MS = HARVEST_MS + PACKAGING_MS + SWEEP_FINDS_MS;
    const settled = await expectNothingLostStuckOrDoubled(api, clips, { boundMs: BOUND_MS, sinceMs: createdAt, cursor });

    expect(settled.map((clip) => clip.status)).toEqual(clips.map(() => 'READY'));
    await expectPushedOnceEach(watch, clips.map((clip) => clip.clipId));
  });
});
