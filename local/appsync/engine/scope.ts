import type { AuthType } from './types.ts';
import type { SubscriptionFilter } from './filters.ts';

/** An error added with `util.appendError`: the field keeps its data. */
export interface AppendedError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** What a field's resolution collects from the helpers its handlers call. */
export interface InvocationScope {
  typeName: string;
  fieldName: string;
  authType: AuthType;
  appendedErrors: AppendedError[];
  subscriptionFilters: SubscriptionFilter[];
  invalidationFilters: SubscriptionFilter[];
  invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
  responseHeaders: Record<string, string>;
}

export function newScope(typeName: string, fieldName: string, authType: AuthType): InvocationScope {
  return {
    typeName,
    fieldName,
    authType,
    appendedErrors: [],
    subscriptionFilters: [],
    invalidationFilters: [],
    invalidations: [],
    responseHeaders: {},
  };
}

/**
 * The scope of the handler running now. Handlers are synchronous, so exactly one runs at a time
 * and the helpers (shared by every sandbox) can find their caller's scope here.
 */
export class ScopeHolder {
  #current: InvocationScope | undefined;

  run<T>(scope: InvocationScope, body: () => T): T {
    const outer = this.#current;
    this.#current = scope;
    try {
      return body();
    } finally {
      this.#current = outer;
    }
  }

  get current(): InvocationScope {
    if (!this.#current) throw new Error('an AppSync helper was called outside a resolver handler');
    return this.#current;
  }
}
