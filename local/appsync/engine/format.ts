// GraphQL errors as AppSync writes them on the wire:
// `{ path, data, errorType, errorInfo, locations: [{ line, column, sourceName }], message }` for
// field errors, `{ path: null, locations, message }` for a request refused before execution.
import { GraphQLError, getNamedType, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { ResolverError } from './errors.ts';
import { literalErrorMessage } from './literal-errors.ts';
import { ScalarParseError } from './scalars.ts';

interface AppSyncFields {
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
  fieldError: boolean;
}

export class AppSyncGraphQLError extends GraphQLError {
  readonly errorType: string | null;
  readonly errorData: unknown;
  readonly errorInfo: unknown;
  readonly #fieldError: boolean;

  constructor(base: GraphQLError, message: string, fields: AppSyncFields) {
    super(message, {
      nodes: base.nodes,
      source: base.source,
      positions: base.positions,
      path: base.path,
      originalError: base.originalError,
      // Readers that look in `extensions` (as graphql tooling does) find AppSync's fields too.
      extensions: { errorType: fields.errorType, data: fields.data, errorInfo: fields.errorInfo },
    });
    this.errorType = fields.errorType;
    this.errorData = fields.data;
    this.errorInfo = fields.errorInfo;
    this.#fieldError = fields.fieldError;
  }

  override toJSON(): GraphQLFormattedError {
    const locations = (this.locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
    if (!this.#fieldError) return { path: null, locations, message: this.message } as unknown as GraphQLFormattedError;
    return {
      path: this.path ?? null,
      data: this.errorData,
      errorType: this.errorType,
      errorInfo: this.errorInfo,
      locations,
      message: this.message,
    } as unknown as GraphQLFormattedError;
  }
}

/** A response path as graphql-java (AppSync's engine) prints it: `/items[0]/status`. */
function javaPath(path: readonly (string | number)[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `/${segment}`)).join('');
}

// graphql-js: "Cannot return null for non-nullable field Clip.status."
const NON_NULL = /^Cannot return null for non-nullable field ([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)\.$/;

function nonNullMessage(error: GraphQLError, schema: GraphQLSchema | undefined): string | undefined {
  const match = NON_NULL.exec(error.message);
  if (!match || !error.path) return undefined;
  const [, parent = '', field = ''] = match;
  const parentType = schema?.getType(parent);
  const fieldType = parentType && 'getFields' in parentType ? (parentType as GraphQLObjectType).getFields()[field]?.type : undefined;
  const typeName = fieldType ? getNamedType(fieldType).name : field;
  return `Cannot return null for non-nullable type: '${typeName}' within parent '${parent}' (${javaPath(error.path)})`;
}

function variableName(message: string): string | undefined {
  return /^Variable "\$([^"]+)"/.exec(message)?.[1];
}

/** `document` and `schema` let messages name literals and types as AppSync does. */
export function toAppSyncError(error: GraphQLError, document?: DocumentNode, schema?: GraphQLSchema): AppSyncGraphQLError {
  if (error instanceof AppSyncGraphQLError) return error;
  // graphql wraps scalar failures in GraphQLErrors of its own: find the error underneath.
  let original: Error | undefined = error.originalError;
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  if (original instanceof ResolverError) {
    return new AppSyncGraphQLError(error, original.message, {
      errorType: original.errorType,
      data: original.data,
      errorInfo: original.errorInfo,
      fieldError: true,
    });
  }
  if (original instanceof ScalarParseError) {
    const name = variableName(error.message);
    const message = name
      ? `Variable '${name}' has an invalid value. ${original.message}`
      : error.path
        ? `Can't serialize value (${javaPath(error.path)}) : ${original.message.replace('Unable to parse', 'Unable to serialize')}`
        : ((document && literalErrorMessage(document, error.nodes?.[0], original.scalar)) ??
            `Validation error of type WrongType: argument with value '${String(original.value)}' is not a valid '${original.scalar}'`);
    return new AppSyncGraphQLError(error, message, { errorType: null, data: null, errorInfo: null, fieldError: error.path !== undefined });
  }
  const message = nonNullMessage(error, schema) ?? error.message;
  return new AppSyncGraphQLError(error, message, { errorType: null, data: null, errorInfo: null, fieldError: error.path !== undefined });
}

export function formatResult(result: ExecutionResult, extra: GraphQLError[] = [], document?: DocumentNode, schema?: GraphQLSchema): ExecutionResult {
  const errors = [...(result.errors ?? []), ...extra].map((error) => toAppSyncError(error, document, schema));
  return errors.length ? { ...result, errors } : { ...result };
}
