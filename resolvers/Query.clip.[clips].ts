import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryClipArgs } from '../generated/schema.ts';
import { checkClipId, checkCompetition } from './lib/clipRules.ts';
import { raiseDataSourceError } from './lib/errors.ts';
import { isMissing } from './lib/values.ts';

export function request(ctx: Context<QueryClipArgs>): DynamoDBGetItemRequest {
  // A key no clip can have is refused by name rather than looked up (and answered null).
  checkCompetition('competition', ctx.args.competition);
  checkClipId('clipId', ctx.args.clipId);
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ competition: ctx.args.competition, clipId: ctx.args.clipId }),
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  // A client-token record shares the key space but is not a clip; a tombstone is no longer one.
  if (isMissing(ctx.result) || isMissing(ctx.result.status) || ctx.result.status === 'DELETED') {
    return null;
  }
  return ctx.result;
}
