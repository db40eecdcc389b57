// The event rules of the AWS home, in the local home: which handler each event goes to (the same
// patterns infra/ puts on its EventBridge rules) and the sweeper's schedule.
import { handler as clipPlayable } from '../../functions/clipPlayable/index.ts';
import { HARVEST_JOB_NOTIFICATION, INPUT_NOTIFICATION, MEDIAPACKAGE_SOURCE } from '../../contracts/events.ts';
import { handler as packageClip } from '../../functions/packageClip/index.ts';
import { handler as sweepClips } from '../../functions/sweepClips/index.ts';
import type { EventBus, EventPattern } from '../eventbus/index.ts';

export interface EventRoute {
  name: string;
  pattern: EventPattern;
  handler: (event: never) => Promise<unknown>;
}

export const EVENT_ROUTES: readonly EventRoute[] = [
  {
    name: 'packageClip',
    pattern: { source: [MEDIAPACKAGE_SOURCE], 'detail-type': [HARVEST_JOB_NOTIFICATION] },
    handler: packageClip,
  },
  {
    name: 'clipPlayable',
    pattern: { source: [MEDIAPACKAGE_SOURCE], 'detail-type': [INPUT_NOTIFICATION] },
    handler: clipPlayable,
  },
];

export interface HandlerWiring {
  stop(): void;
}

/** Subscribes the handlers to the bus and runs the sweeper every `sweepIntervalMs`. */
export function wireHandlers(options: {
  eventBus: EventBus;
  sweepIntervalMs: number;
  log: (message: string) => void;
}): HandlerWiring {
  const unsubscribes = EVENT_ROUTES.map((route) =>
    options.eventBus.subscribe(route.pattern, (event) => route.handler(event as never).then(() => undefined), {
      name: route.name,
    }),
  );
  let sweeping = false;
  const timer = setInterval(() => {
    // A slow sweep is not run twice at once: the next tick finds the work the last one left.
    if (sweeping) return;
    sweeping = true;
    // sweepClips logs what it did itself, as on AWS; a failure is the home's to report.
    sweepClips()
      .catch((error: unknown) => options.log(`[sweepClips] failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        sweeping = false;
      });
  }, options.sweepIntervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
  };
}
