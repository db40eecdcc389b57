// GraphQL errors the resolvers raise. Every error carries a machine errorType; validation errors
// also name the offending field in errorInfo, so apps can put the message next to the right input.
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';

export const ErrorType = {
  Validation: 'ValidationError',
  NotFound: 'NotFound',
  Conflict: 'ConflictError',
  RateLimited: 'RateLimitError',
} as const;

/** Refuses the request: nothing has been written when a validation step raises this. */
export function invalidField(field: string, reason: string): never {
  return util.error(`${field}: ${reason}`, ErrorType.Validation, null, { field, reason });
}

/** The thing `field` names does not exist (or no longer does). */
export function notFound(field: string, reason: string): never {
  return util.error(`${field}: ${reason}`, ErrorType.NotFound, null, { field, reason });
}

/** Re-raises a data source's error with its own type (e.g. DynamoDB:ConditionalCheckFailedException). */
export function raiseDataSourceError(ctx: Context): void {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
}
