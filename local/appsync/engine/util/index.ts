// What `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb` resolve to inside the sandbox.
import { EarlyReturn, ResolverError, UnauthorizedError } from '../errors.ts';
import { toSubscriptionFilter, validateFilter } from '../filters.ts';
import type { ScopeHolder } from '../scope.ts';
import type { AuthType } from '../types.ts';
import * as dynamodbHelpers from './dynamodb-helpers.ts';
import { dynamodbUtils } from './dynamodb.ts';
import { toExpression } from './expressions.ts';
import { autoId, autoKsuid, autoUlid } from './ids.ts';
import { base64Decode, base64Encode, createMatcher, escapeJavaScript, normalize, urlDecode, urlEncode } from './strings.ts';
import { createTimeUtils } from './time.ts';

const AUTH_TYPE_NAMES: Record<AuthType, string> = {
  API_KEY: 'API Key Authorization',
  AWS_IAM: 'IAM Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
};

function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

function isNullOrEmpty(value: unknown): boolean {
  return isNull(value) || value === '';
}

function isNullOrBlank(value: unknown): boolean {
  return isNull(value) || (typeof value === 'string' && value.trim() === '');
}

function typeOf(value: unknown): string {
  if (isNull(value)) return 'Null';
  if (Array.isArray(value)) return 'List';
  switch (typeof value) {
    case 'number':
      return 'Number';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'object':
      return 'Map';
    default:
      return 'Object';
  }
}

export interface AppSyncModules {
  '@aws-appsync/utils': Record<string, unknown>;
  '@aws-appsync/utils/dynamodb': Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** `handlerTimeoutMs` bounds util.matches as it bounds a handler. */
export function createAppSyncModules(scopes: ScopeHolder, now: () => number = Date.now, handlerTimeoutMs = 5000): AppSyncModules {
  const util = {
    error(message: string, errorType?: string | null, data?: unknown, errorInfo?: unknown): never {
      throw new ResolverError(String(message), errorType ?? null, data ?? null, errorInfo ?? null);
    },
    appendError(message: string, errorType?: string | null, data?: unknown, errorInfo?: unknown): void {
      scopes.current.appendedErrors.push({ message: String(message), errorType: errorType ?? null, data: data ?? null, errorInfo: errorInfo ?? null });
    },
    unauthorized(): never {
      const { typeName, fieldName } = scopes.current;
      throw new UnauthorizedError(typeName, fieldName);
    },
    authType: () => AUTH_TYPE_NAMES[scopes.current.authType],
    autoId,
    autoUlid: () => autoUlid(now()),
    autoKsuid: () => autoKsuid(now()),
    isNull,
    isNullOrEmpty,
    isNullOrBlank,
    defaultIfNull: (value: unknown, fallback: unknown) => (isNull(value) ? fallback : value),
    defaultIfNullOrEmpty: (value: unknown, fallback: unknown) => (isNullOrEmpty(value) ? fallback : value),
    defaultIfNullOrBlank: (value: unknown, fallback: unknown) => (isNullOrBlank(value) ? fallback : value),
    typeOf,
    matches: createMatcher(handlerTimeoutMs),
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    time: createTimeUtils(now),
    dynamodb: dynamodbUtils,
    str: { normalize },
    math: {
      roundNum: (value: number) => Math.round(value),
      minVal: (a: number, b: number) => Math.min(a, b),
      maxVal: (a: number, b: number) => Math.max(a, b),
      randomDouble: () => Math.random(),
      randomWithinRange: (start: number, end: number) => start + Math.floor(Math.random() * (end - start + 1)),
    },
    http: {
      addResponseHeader(name: string, value: unknown): void {
        scopes.current.responseHeaders[String(name)] = String(value);
      },
      addResponseHeaders(headers: Record<string, unknown>): void {
        for (const [name, value] of Object.entries(headers)) scopes.current.responseHeaders[name] = String(value);
      },
    },
    transform: {
      toDynamoDBFilterExpression: (filter: Record<string, unknown>) => JSON.stringify(toExpression(filter)),
      toDynamoDBConditionExpression: (filter: Record<string, unknown>) => JSON.stringify(toExpression(filter)),
      toSubscriptionFilter,
    },
  };
  const runtime = {
    earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
      throw new EarlyReturn(value, options?.skipTo);
    },
  };
  const extensions = {
    setSubscriptionFilter(filter: unknown): void {
      scopes.current.subscriptionFilters.push(validateFilter(filter));
    },
    setSubscriptionInvalidationFilter(filter: unknown): void {
      scopes.current.invalidationFilters.push(validateFilter(filter));
    },
    invalidateSubscriptions(request: { subscriptionField: string; payload: Record<string, unknown> }): void {
      scopes.current.invalidations.push({ subscriptionField: String(request.subscriptionField), payload: { ...request.payload } });
    },
    // The local home has no server-side cache: nothing to evict.
    evictFromApiCache(): void {},
  };
  return deepFreeze({
    '@aws-appsync/utils': { util, runtime, extensions },
    '@aws-appsync/utils/dynamodb': { ...dynamodbHelpers },
  });
}
