// Step 10 of createClip: answers with the clip as stored. Step 9's result is that already; this
// read is for a retried clientToken (the first clip) and for a clip the harvest-done event moved
// on before step 9 could write.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { ErrorType, raiseDataSourceError } from '../lib/errors.ts';
import { isMissing } from '../lib/values.ts';

export function request(ctx: Context): DynamoDBGetItemRequest {
  if (!isMissing(ctx.prev.result)) {
    return runtime.earlyReturn(ctx.prev.result);
  }
  const clip: Clip = ctx.stash.clip;
  const clipId = ctx.stash.isRetry ? ctx.stash.firstClipId : clip.clipId;
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ competition: clip.competition, clipId }),
    consistentRead: true,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (isMissing(ctx.result)) {
    util.error(
      'input.clientToken: an earlier request with this token is still creating its clip; retry in a moment',
      ErrorType.Conflict,
      null,
      { field: 'input.clientToken' },
    );
  }
  return ctx.result;
}
