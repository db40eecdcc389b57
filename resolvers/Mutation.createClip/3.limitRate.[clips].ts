// Step 3 of createClip: one caller may create at most CREATE_CLIP_RATE_LIMIT clips per window
// (contracts/createClipRate.ts), so one editor cannot flood the harvest queue. The count is a
// conditional UpdateItem on the caller's counter for the current window, so requests racing each
// other can never pass the limit together. It runs after every check of the input (steps 1 and
// 2: a refused input is not counted) and before anything of the clip is written (a refused
// request leaves nothing); its error says when to retry (errorInfo.retryAfterSeconds). A retried
// clientToken is counted.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { CLIP_TABLE_TTL_ATTRIBUTE } from '../../contracts/clipTable.ts';
import { rateCounterKey } from '../../contracts/createClipRate.ts';
import { createClipRate } from '../lib/clipRules.ts';
import { ErrorType, raiseDataSourceError } from '../lib/errors.ts';
import { callerName } from '../lib/identity.ts';

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  const rate = createClipRate(ctx.env);
  if (rate.limit === 0) {
    return runtime.earlyReturn(ctx.prev.result);
  }
  const now = util.time.nowEpochSeconds();
  const windowStart = now - (now % rate.windowSeconds);
  ctx.stash.rateWindowEnd = windowStart + rate.windowSeconds;
  // `count` is a DynamoDB reserved word, hence the name placeholders.
  const names = { '#count': 'count', '#expiresAt': CLIP_TABLE_TTL_ATTRIBUTE };
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(rateCounterKey(callerName(ctx), windowStart)),
    update: {
      expression: 'ADD #count :one SET #expiresAt = :windowEnd',
      expressionNames: names,
      // Expired by DynamoDB's time to live once its window is over.
      expressionValues: util.dynamodb.toMapValues({ ':one': 1, ':windowEnd': ctx.stash.rateWindowEnd }),
    },
    condition: {
      expression: 'attribute_not_exists(#count) OR #count < :limit',
      expressionNames: { '#count': 'count' },
      expressionValues: util.dynamodb.toMapValues({ ':limit': rate.limit }),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    const rate = createClipRate(ctx.env);
    const retryAfterSeconds = Math.max(1, ctx.stash.rateWindowEnd - util.time.nowEpochSeconds());
    util.error(
      `createClip: at most ${rate.limit} clips per ${rate.windowSeconds} seconds per caller: retry in ${retryAfterSeconds} seconds`,
      ErrorType.RateLimited,
      null,
      { retryAfterSeconds, limit: rate.limit, windowSeconds: rate.windowSeconds },
    );
  }
  raiseDataSourceError(ctx);
  return ctx.prev.result;
}
