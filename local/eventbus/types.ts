import type { EventBridgeEvent } from '../../contracts/events.ts';

/** The envelope is AWS's contract (contracts/events.ts). */
export type { EventBridgeEvent };

/** What `putEvents` accepts: an event, with the envelope fields EventBridge fills in optional. */
export type EventInput<TDetailType extends string = string, TDetail = unknown> = Pick<
  EventBridgeEvent<TDetailType, TDetail>,
  'detail-type' | 'source' | 'detail'
> &
  Partial<Omit<EventBridgeEvent<TDetailType, TDetail>, 'detail-type' | 'source' | 'detail'>>;

/** A rule target: resolves when handled; a throw (or rejection) makes the bus retry. */
export type EventTarget = (event: EventBridgeEvent) => Promise<void>;

/** Patterns are EventBridge's language, shared with the rules the stack deploys. */
export type { ContentFilter, EventPattern, PatternLeaf } from '../../contracts/eventRules.ts';

export interface DeadLetter {
  event: EventBridgeEvent;
  /** The subscription's name (its `name` option, or `target-<n>`). */
  target: string;
  attempts: number;
  error: unknown;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: { EventId: string }[];
}
