// What every part of the local home gets, and the teardown it adds its stop to: a home stops its
// parts in reverse order, so a part that failed to start leaves the ones before it to be
// stopped, and a stop that throws does not keep the others running.
import type { EventBus } from '../eventbus/index.ts';
import type { ObjectStore } from '../objectstore/index.ts';

export interface PartContext {
  dataDir: string;
  objectStore: ObjectStore;
  eventBus: EventBus;
  host: string;
  region: string;
  account: string;
  log: (message: string) => void;
}

export interface Teardown {
  add(stop: () => void | Promise<void>): void;
  run(): Promise<void>;
}

export function createTeardown(log: (message: string) => void): Teardown {
  const stops: Array<() => void | Promise<void>> = [];
  return {
    add(stop) {
      stops.push(stop);
    },
    async run() {
      for (const stop of stops.splice(0).reverse()) {
        try {
          await stop();
        } catch (error) {
          log(`[home] a part failed to stop: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
}
