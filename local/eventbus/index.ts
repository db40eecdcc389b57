/**
 * Local EventBridge: one bus, rules as subscriptions with real EventBridge event patterns.
 *
 *   const bus = createEventBus({ log, retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5000 } });
 *   const unsubscribe = bus.subscribe(
 *     { source: ['aws.mediapackage'], 'detail-type': ['MediaPackage HarvestJob Notification'],
 *       detail: { harvest_job: { status: ['SUCCEEDED'] } } },
 *     async (event) => { ... },            // throw to have the event retried
 *     { name: 'packaging-handler' },
 *   );
 *   bus.putEvents([{ source, 'detail-type', detail, resources }]); // envelope filled in
 *   await bus.idle();                      // every delivery done or dead-lettered
 *   bus.deadLetters();                     // deliveries that failed every attempt
 *
 * Delivery is asynchronous and at least once, as EventBridge's: a target that throws gets the
 * event again after an exponential backoff, up to `maxAttempts`, then the event goes to the
 * dead-letter list. Targets must therefore be idempotent.
 */
export { createEventBus, EventBusStoppedError } from './bus.ts';
export type { EventBus, EventBusOptions, RetryPolicy, SubscribeOptions } from './bus.ts';
export { matchesPattern, InvalidEventPatternError } from './pattern.ts';
export type * from './types.ts';
export * from './mediapackage-events.ts';
