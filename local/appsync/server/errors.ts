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

export interface RequestErrorBody {
  errors: { errorType: string; message: string }[];
}

export function requestErrorBody(errorType: string, message: string): RequestErrorBody {
  return { errors: [{ errorType, message }] };
}

export interface AppSyncGraphQLError {
  path: readonly (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

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
  const locations = (error as GraphQLFormattedError).locations;
  return {
    path: path ?? null,
    data: readField(error, 'data') ?? null,
    errorType: typeof errorType === 'string' ? errorType : null,
    errorInfo: readField(error, 'errorInfo') ?? null,
    locations: locations ? locations.map(({ line, column }) => ({ line, column, sourceName: null })) : null,
    message: error.message,
  };
}
