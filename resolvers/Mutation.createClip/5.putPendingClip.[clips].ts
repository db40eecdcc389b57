// Step 5 of createClip: writes the clip as PENDING (lib/pendingClip.ts), so its title and
// description are kept from request to ready (the seed lost them). On a retried clientToken it
// reads which clip the token named instead.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { clientTokenKey } from '../lib/clipKeys.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { putPendingClip } from '../lib/pendingClip.ts';

export function request(ctx: Context): DynamoDBPutItemRequest | DynamoDBGetItemRequest {
  const clip: Clip = ctx.stash.clip;
  if (ctx.stash.isRetry) {
    return {
      operation: 'GetItem',
      key: util.dynamodb.toMapValues({
        competition: clip.competition,
        clipId: clientTokenKey(ctx.args.input.clientToken),
      }),
      consistentRead: true,
    };
  }
  return putPendingClip(clip, ctx.stash.expiresAt);
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (ctx.stash.isRetry) {
    ctx.stash.firstClipId = ctx.result.tokenFor;
  }
  return ctx.result;
}
