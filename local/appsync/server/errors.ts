// AppSync's error shapes: request-level failures (`{ errors: [{ errorType, message }] }` with a 4xx
// status) and GraphQL errors in a 200 body, which carry errorType, data, errorInfo, path and
// locations with a `sourceName`, whatever produced them.
import type { GraphQLFormattedError } from 'graphql';

/** The request-level `errorType` values this server sends besides authentication failures. */
export enum RequestErrorType {
  MalformedHttpRequest = 'MalformedHttpRequestException',
  NotFound = 'NotFoundException',
  InternalFailure = 'InternalFailure',
}

/** Options that cannot work together, found when the server starts. */
export class AppSyncServerSetupError extends Error {
  override readonly name = 'AppSyncServerSetupError';
  readonly option: string;

  constructor(message: string, option: string) {
    super(message);
    this.option = option;
  }
}

export interface RequestErrorBody {
  errors: { errorType: string; message: string }[];
}

export function requestErrorBody(errorType: string, message: string): RequestErrorBody {
  return { errors: [{ errorType, message }] };
}

/** A field error: what a resolver or data source raised, with AppSync's fields. */
export interface AppSyncFieldError {
  path: readonly (string | number)[];
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[];
  message: string;
}

/** A request error (syntax, validation, variables): AppSync gives it no path and no errorType. */
export interface AppSyncRequestError {
  path: null;
  locations: { line: number; column: number; sourceName: null }[];
  message: string;
  errorType?: string;
}

export type AppSyncGraphQLError = AppSyncFieldError | AppSyncRequestError;

function readField(error: object, name: string): unknown {
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  return extensions?.[name] ?? (error as Record<string, unknown>)[name];
}

/**
 * The engine may put AppSync's fields on a GraphQLError's `extensions` (util.error's errorType,
 * data, errorInfo) or on the error itself: both read the same on the wire.
 */
export function toAppSyncError(error: GraphQLFormattedError | Error): AppSyncGraphQLError {
  const errorType = readField(error, 'errorType');
  const path = (error as GraphQLFormattedError).path;
  const locations = ((error as GraphQLFormattedError).locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
  if (!path) {
    return typeof errorType === 'string' ? { path: null, locations, message: error.message, errorType } : { path: null, locations, message: error.message };
  }
  return {
    path,
    data: readField(error, 'data') ?? null,
    errorType: typeof errorType === 'string' ? errorType : null,
    errorInfo: readField(error, 'errorInfo') ?? null,
    locations,
    message: error.message,
  };
}
