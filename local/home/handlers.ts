// The event rules of the AWS home, in the local home: which handler each event goes to (the same
// patterns infra/ puts on its EventBridge rules) and the sweeper's schedule.
import { createHandler as clipPlayable } from '../../functions/clipPlayable/index.ts';
import type { Services } from '../../functions/commons/services.ts';
import type { ClipEventRules } from '../../contracts/eventRules.ts';
import { createHandler as packageClip } from '../../functions/packageClip/index.ts';
import { createHandler as startHarvest } from '../../functions/startHarvest/index.ts';
import { createHandler as sweepClips } from '../../functions/sweepClips/index.ts';
import type { EventBus, EventPattern } from '../eventbus/index.ts';

export interface EventRoute {
  name: string;
  pattern: EventPattern;
  createHandler: (services: Services) => (event: never) => Promise<unknown>;
}

/** Which handler each event goes to: the patterns the CDK stack deploys (contracts/eventRules.ts). */
export function eventRoutes(rules: ClipEventRules): readonly EventRoute[] {
  return [
    { name: 'packageClip', pattern: rules.harvestJobs, createHandler: packageClip },
    { name: 'clipPlayable', pattern: rules.vodAssets, createHandler: clipPlayable },
  ];
}

/** Every handler of the backend over one set of services, by its name in functions/. */
export function createHandlers(services: Services) {
  return {
    startHarvest: startHarvest(services),
    packageClip: packageClip(services),
    clipPlayable: clipPlayable(services),
    sweepClips: sweepClips(services),
  };
}

export type Handlers = ReturnType<typeof createHandlers>;

export interface HandlerWiring {
  stop(): void;
}

/** Subscribes the handlers to the bus and runs the sweeper every `sweepIntervalMs`. */
export function wireHandlers(options: {
  eventBus: EventBus;
  rules: ClipEventRules;
  services: Services;
  sweepIntervalMs: number;
  log: (message: string) => void;
}): HandlerWiring {
  const unsubscribes = eventRoutes(options.rules).map((route) => {
    const handler = route.createHandler(options.services);
    return options.eventBus.subscribe(route.pattern, (event) => handler(event as never).then(() => undefined), { name: route.name });
  });
  const sweep = sweepClips(options.services);
  let sweeping = false;
  const timer = setInterval(() => {
    // A slow sweep is not run twice at once: the next tick finds the work the last one left.
    if (sweeping) return;
    sweeping = true;
    // sweepClips logs what it did itself, as on AWS; a failure is the home's to report.
    sweep()
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
