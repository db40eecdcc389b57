// The event rules of the AWS home, in the local home: which handler each event goes to (the same
// patterns infra/ puts on its EventBridge rules) and the sweeper's schedule.
import { createHandler as clipPlayable } from '../../functions/clipPlayable/index.ts';
import type { Services } from '../../functions/commons/services.ts';
import type { ClipEventRules } from '../../contracts/eventRules.ts';
import { createHandler as expireClips } from '../../functions/expireClips/index.ts';
import { createHandler as packageClip } from '../../functions/packageClip/index.ts';
import { createHandler as removeClip } from '../../functions/removeClip/index.ts';
import { createHandler as startHarvest } from '../../functions/startHarvest/index.ts';
import { createHandler as sweepClips } from '../../functions/sweepClips/index.ts';
import type { EventBridgeEvent, EventBus, EventPattern } from '../eventbus/index.ts';

export interface EventRoute {
  name: string;
  pattern: EventPattern;
  createHandler: (services: Services) => (event: never) => Promise<unknown>;
}

/** Which handler each event goes to: the patterns the CDK stack deploys (contracts/eventRules.ts). */
export function eventRoutes(rules: ClipEventRules): readonly EventRoute[] {
  return [
    { name: 'packageClip', pattern: rules.harvestJobs, createHandler: packageClip },
    { name: 'packageClip', pattern: rules.harvestJobsV2, createHandler: packageClip },
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
    removeClip: removeClip(services),
    expireClips: expireClips(services),
  };
}

export type Handlers = ReturnType<typeof createHandlers>;

/**
 * Stands between the bus and a handler: calls `handle` to deliver (once, twice, late) or not at all
 * (the event is lost, as EventBridge may lose it); a throw fails the delivery and the bus retries.
 */
export type DeliveryFault = (route: string, event: EventBridgeEvent, handle: () => Promise<void>) => Promise<void>;

export interface HandlerWiringOptions {
  eventBus: EventBus;
  rules: ClipEventRules;
  services: Services;
  /** How often the sweeper runs; 'off' leaves it to whoever calls sweepClips. */
  sweepIntervalMs: number | 'off';
  /** @default every event delivered once per attempt */
  deliveryFault?: DeliveryFault;
  log: (message: string) => void;
}

export interface HandlerWiring {
  stop(): void;
}

/** Subscribes the handlers to the bus by the deployed rules and runs the sweeper on its schedule. */
export function wireHandlers(options: HandlerWiringOptions): HandlerWiring {
  const unsubscribes = eventRoutes(options.rules).map((route) => {
    const handler = route.createHandler(options.services);
    const handle = (event: EventBridgeEvent) => handler(event as never).then(() => undefined);
    const deliver = options.deliveryFault;
    return options.eventBus.subscribe(route.pattern, deliver ? (event) => deliver(route.name, event, () => handle(event)) : handle, {
      name: route.name,
    });
  });
  const timer = options.sweepIntervalMs === 'off' ? undefined : startSweeper(sweepClips(options.services), options.sweepIntervalMs, options.log);
  return {
    stop() {
      clearInterval(timer);
      unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
  };
}

function startSweeper(sweep: () => Promise<unknown>, intervalMs: number, log: (message: string) => void): NodeJS.Timeout {
  let sweeping = false;
  const timer = setInterval(() => {
    // A slow sweep is not run twice at once: the next tick finds the work the last one left.
    if (sweeping) return;
    sweeping = true;
    // sweepClips logs what it did itself, as on AWS; a failure is the home's to report.
    sweep()
      .catch((error: unknown) => log(`[sweepClips] failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        sweeping = false;
      });
  }, intervalMs);
  timer.unref();
  return timer;
}
