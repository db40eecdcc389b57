import { randomUUID } from 'node:crypto';
import { eventTime } from '../../contracts/events.ts';
import { recordSpan, spanClock, spansObserved } from '../../functions/commons/tracer.ts';
import { matchesPattern, validatePattern } from './pattern.ts';
import type {
  DeadLetter,
  EventBridgeEvent,
  EventInput,
  EventPattern,
  EventTarget,
  PutEventsResult,
} from './types.ts';

export interface RetryPolicy {
  /** Attempts per event and target, the first included. EventBridge's default is 185 over 24 h. */
  maxAttempts: number;
  /** Delay before the first retry; it doubles each time, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface EventBusOptions {
  log?: (message: string) => void;
  retry?: Partial<RetryPolicy>;
  /**
   * Names the trace an event belongs to (functions/commons/tracer.ts): each delivery's wait, from
   * the put to the target's start, is then a span `eventbus.<target>` of it. @default none
   */
  traceIdOf?: (event: EventBridgeEvent) => string | undefined;
  /** Envelope defaults for events put without them. */
  account?: string;
  region?: string;
}

export interface SubscribeOptions {
  /** Shown in logs and dead letters. */
  name?: string;
}

export interface EventBus {
  /** Accepts events like PutEvents; each matching subscription gets it asynchronously, at least once. */
  putEvents(events: EventInput[]): PutEventsResult;
  subscribe(pattern: EventPattern, target: EventTarget, options?: SubscribeOptions): () => void;
  /** Deliveries that failed every attempt, oldest first. */
  deadLetters(): readonly DeadLetter[];
  /** Resolves once no delivery is pending or being retried. */
  idle(): Promise<void>;
  /** Resolves once every target of this event has had its first try at it (retries are not awaited). */
  delivered(eventId: string): Promise<void>;
  /** Drops pending retries; later puts are refused. */
  stop(): void;
}

interface Subscription {
  pattern: EventPattern;
  target: EventTarget;
  name: string;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 };

export class EventBusStoppedError extends Error {
  override readonly name = 'EventBusStoppedError';
  constructor() {
    super('the event bus is stopped');
  }
}

export function createEventBus({
  log = (message) => console.log(message),
  retry = {},
  account = '000000000000',
  region = 'us-east-1',
  traceIdOf,
}: EventBusOptions = {}): EventBus {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...retry };
  const subscriptions = new Set<Subscription>();
  const dead: DeadLetter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  /** Per event id: first tries not finished yet, and who waits for them. */
  const firstTries = new Map<string, { open: number; waiters: (() => void)[] }>();
  let idleWaiters: (() => void)[] = [];
  let stopped = false;
  let counter = 0;

  function settle(): void {
    // stop() has already settled everything, deliveries still running included.
    if (stopped) return;
    pending -= 1;
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  function firstTryDone(eventId: string): void {
    const tries = firstTries.get(eventId);
    if (!tries) return;
    tries.open -= 1;
    if (tries.open > 0) return;
    firstTries.delete(eventId);
    for (const wake of tries.waiters) wake();
  }

  function schedule(delayMs: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delayMs);
    timers.add(timer);
  }

  function deliver(event: EventBridgeEvent, subscription: Subscription, attempt: number, putAt: number): void {
    if (stopped) return;
    const traceId = traceIdOf && spansObserved() ? traceIdOf(event) : undefined;
    if (traceId !== undefined) recordSpan(`eventbus.${subscription.name}`, traceId, putAt);
    // A fresh copy per attempt: a target that mutates its event must not change what a retry sees.
    const copy = structuredClone(event);
    const tried = Promise.resolve().then(() => subscription.target(copy));
    if (attempt === 1) void tried.then(() => firstTryDone(event.id), () => firstTryDone(event.id));
    tried
      .then(settle, (error: unknown) => {
        if (attempt >= policy.maxAttempts) {
          dead.push({ event, target: subscription.name, attempts: attempt, error });
          log(`[eventbus] ${event['detail-type']} ${event.id} to ${subscription.name}: dead-lettered after ${attempt} attempts (${String(error)})`);
          settle();
          return;
        }
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = backoff / 2 + Math.random() * (backoff / 2);
        log(`[eventbus] ${event['detail-type']} ${event.id} to ${subscription.name}: attempt ${attempt} failed (${String(error)}), retrying in ${Math.round(delay)} ms`);
        schedule(delay, () => deliver(event, subscription, attempt + 1, putAt));
      });
  }

  return {
    putEvents(inputs) {
      if (stopped) throw new EventBusStoppedError();
      const putAt = spanClock();
      const entries = inputs.map((input) => {
        const event: EventBridgeEvent = {
          version: '0',
          id: input.id ?? randomUUID(),
          'detail-type': input['detail-type'],
          source: input.source,
          account: input.account ?? account,
          time: input.time ?? eventTime(new Date()),
          region: input.region ?? region,
          resources: input.resources ?? [],
          detail: input.detail,
        };
        for (const subscription of subscriptions) {
          if (!matchesPattern(subscription.pattern, event)) continue;
          pending += 1;
          const tries = firstTries.get(event.id) ?? { open: 0, waiters: [] };
          tries.open += 1;
          firstTries.set(event.id, tries);
          // After the caller's current step, not on a timer: a 0 ms timer waits for the next
          // turn of the timers phase, about a millisecond on every hop of a clip's way to READY.
          setImmediate(() => deliver(event, subscription, 1, putAt));
        }
        return { EventId: event.id };
      });
      return { FailedEntryCount: 0, Entries: entries };
    },

    subscribe(pattern, target, options = {}) {
      validatePattern(pattern);
      counter += 1;
      const subscription: Subscription = { pattern, target, name: options.name ?? `target-${counter}` };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },

    deadLetters: () => dead,

    idle() {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    delivered(eventId) {
      const tries = firstTries.get(eventId);
      if (!tries) return Promise.resolve();
      return new Promise<void>((resolve) => tries.waiters.push(resolve));
    },

    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      pending = 0;
      const waiters = [...idleWaiters, ...[...firstTries.values()].flatMap((tries) => tries.waiters)];
      idleWaiters = [];
      firstTries.clear();
      for (const wake of waiters) wake();
    },
  };
}
