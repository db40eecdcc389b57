// AppSync's subscription fan-out: a subscription field with @aws_subscribe(mutations: [...])
// receives each successful result of those mutation fields, as the mutation selected it, when
// its arguments equal the same-named result fields and its enhanced filters pass.
import { isObjectType, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { matchesFilters, type SubscriptionFilter } from './filters.ts';

export interface Registration {
  /** The subscription root field's name. */
  fieldName: string;
  /** The field's arguments as given; null/absent ones do not filter. */
  args: Record<string, unknown>;
  filters: SubscriptionFilter[];
  invalidationFilters: SubscriptionFilter[];
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
  /**
   * Registrations with the same key receive the same result for a payload (the same operation
   * text, name and variables): one publish executes it once per key, not once per subscriber.
   */
  deliveryKey: string;
  deliver(payload: unknown): Promise<ExecutionResult>;
  onData(result: ExecutionResult): void;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Subscription field names by the mutation fields that trigger them. */
export function subscriptionTriggers(schema: GraphQLSchema): Map<string, string[]> {
  const triggers = new Map<string, string[]>();
  const type = schema.getSubscriptionType();
  if (!type || !isObjectType(type)) return triggers;
  for (const field of Object.values(type.getFields())) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const list = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (list?.kind !== 'ListValue') continue;
    for (const item of list.values) {
      if (item.kind !== 'StringValue') continue;
      triggers.set(item.value, [...(triggers.get(item.value) ?? []), field.name]);
    }
  }
  return triggers;
}

export class SubscriptionRegistry {
  readonly #byField = new Map<string, Set<Registration>>();

  constructor(
    private readonly triggers: Map<string, string[]>,
    private readonly log: (message: string) => void,
  ) {}

  add(registration: Registration): { close(): void } {
    const set = this.#byField.get(registration.fieldName) ?? new Set<Registration>();
    set.add(registration);
    this.#byField.set(registration.fieldName, set);
    return { close: () => void set.delete(registration) };
  }

  get size(): number {
    let count = 0;
    for (const set of this.#byField.values()) count += set.size;
    return count;
  }

  /**
   * Delivers one mutation field's result to every matching subscriber. Subscribers that sent the
   * same operation share one execution of it, and so one result object; the publish waits once for
   * all of them, not once per subscriber (a wait per subscriber was most of a large fan-out's own time).
   */
  async publish(mutationField: string, payload: unknown): Promise<void> {
    const groups = new Map<string, { subscriptionField: string; result: Promise<ExecutionResult>; registrations: Registration[] }>();
    for (const subscriptionField of this.triggers.get(mutationField) ?? []) {
      for (const registration of this.#byField.get(subscriptionField) ?? []) {
        if (!this.#matches(registration, payload)) continue;
        const group = groups.get(registration.deliveryKey);
        if (group) group.registrations.push(registration);
        else groups.set(registration.deliveryKey, { subscriptionField, result: registration.deliver(payload), registrations: [registration] });
      }
    }
    const delivering = [...groups.values()];
    const results = await Promise.allSettled(delivering.map((group) => group.result));
    for (const [index, { subscriptionField, registrations }] of delivering.entries()) {
      const failed = (error: unknown) => this.log(`[appsync] delivering ${mutationField} to ${subscriptionField} failed: ${(error as Error).message}`);
      const result = results[index];
      if (result?.status !== 'fulfilled') {
        failed(result?.reason);
        continue;
      }
      for (const registration of registrations) {
        try {
          registration.onData(result.value);
        } catch (error) {
          failed(error);
        }
      }
    }
  }

  /** extensions.invalidateSubscriptions: ends subscriptions whose invalidation filter matches. */
  invalidate(subscriptionField: string, payload: Record<string, unknown>): number {
    let ended = 0;
    const set = this.#byField.get(subscriptionField);
    for (const registration of [...(set ?? [])]) {
      if (registration.invalidationFilters.length && matchesFilters(registration.invalidationFilters, payload)) {
        set?.delete(registration);
        ended += 1;
      }
    }
    return ended;
  }

  #matches(registration: Registration, payload: unknown): boolean {
    if (payload === null || typeof payload !== 'object') return false;
    for (const [name, value] of Object.entries(registration.args)) {
      if (value === null || value === undefined) continue;
      if (!sameValue((payload as Record<string, unknown>)[name], value)) return false;
    }
    return matchesFilters(registration.filters, payload);
  }
}
