// Starts the local MediaPackage-VOD the way the local home does: a fresh data directory, the real
// object store and event bus, and the real AWS SDK client pointed at its endpoint.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MediaPackageVodClient } from '@aws-sdk/client-mediapackage-vod';
import { createEventBus, type EventBridgeEvent, type EventBus } from '../../../local/eventbus/index.ts';
import { startMediaPackageVod, type MediaPackageVod, type MediaPackageVodOptions } from '../../../local/mediapackage-vod/index.ts';
import { createObjectStore, type ObjectStore } from '../../../local/objectstore/index.ts';

export interface Harness {
  dir: string;
  objectStore: ObjectStore;
  bus: EventBus;
  events: EventBridgeEvent[];
  vod: MediaPackageVod;
  client: MediaPackageVodClient;
  logs: string[];
  /** Stops the service and starts it again on the same data directory; `whileStopped` runs in between. */
  restart(options?: Partial<MediaPackageVodOptions>, whileStopped?: (dataDir: string) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<MediaPackageVodOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mediapackage-vod-'));
  const logs: string[] = [];
  const log = (message: string): void => {
    logs.push(message);
  };
  const objectStore = createObjectStore({ root: path.join(dir, 'objects') });
  const bus = createEventBus({ log });
  const events: EventBridgeEvent[] = [];
  bus.subscribe({ source: ['aws.mediapackage'], 'detail-type': ['MediaPackage Input Notification'] }, async (event) => {
    events.push(event);
  });
  const start = (overrides: Partial<MediaPackageVodOptions>) =>
    startMediaPackageVod({ dataDir: path.join(dir, 'vod'), objectStore, eventBus: bus, log, region: 'eu-west-1', accountId: '123456789012', ...overrides });
  const client = (vod: MediaPackageVod) =>
    new MediaPackageVodClient({ endpoint: vod.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  const harness: Harness = {
    dir,
    objectStore,
    bus,
    events,
    logs,
    vod: await start(options),
    client: undefined as unknown as MediaPackageVodClient,
    async restart(overrides = {}, whileStopped) {
      harness.client.destroy();
      await harness.vod.stop();
      await whileStopped?.(path.join(dir, 'vod'));
      harness.vod = await start({ ...options, ...overrides });
      harness.client = client(harness.vod);
    },
    async close() {
      harness.client.destroy();
      await harness.vod.stop();
      bus.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  harness.client = client(harness.vod);
  return harness;
}

/** Polls until `check` returns a value; the test's own timeout bounds the wait. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, intervalMs = 25): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
