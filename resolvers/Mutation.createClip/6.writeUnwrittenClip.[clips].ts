// Step 6 of createClip: a retried clientToken whose first request claimed the token (step 4) but
// never wrote its clip (step 5 failed: the table was away, the request timed out) writes that
// clip now, under the id the token names, and goes on as the first request would have: register,
// start the harvest, record. Without this step every retry for the token's day was answered "still
// creating" and the clip never existed. Where the first request did write it, the put is refused
// and the request stays a retry, answered with that clip.
import { runtime } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { putPendingClip } from '../lib/pendingClip.ts';

function tokensClip(ctx: Context): Clip {
  const clip: Clip = ctx.stash.clip;
  return { ...clip, clipId: ctx.stash.firstClipId };
}

export function request(ctx: Context): DynamoDBPutItemRequest {
  if (!ctx.stash.isRetry) {
    return runtime.earlyReturn(null);
  }
  return putPendingClip(tokensClip(ctx), ctx.stash.expiresAt);
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    return null;
  }
  raiseDataSourceError(ctx);
  ctx.stash.clip = tokensClip(ctx);
  ctx.stash.isRetry = false;
  return null;
}
