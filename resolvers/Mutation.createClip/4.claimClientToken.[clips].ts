// Step 4 of createClip: makes a retried request safe. The first request with a clientToken
// claims it with a conditional put; a repeat finds the claim taken and is answered with the first
// clip in the later steps, so no second clip or harvest job is ever made.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Clip, MutationCreateClipArgs } from '../../generated/schema.ts';
import { clientTokenKey } from '../lib/clipKeys.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { isBlank } from '../lib/values.ts';

// A client retries within minutes; a day is generous and keeps the table from filling with tokens.
const TOKEN_TTL_SECONDS = 24 * 60 * 60;

export function request(ctx: Context<MutationCreateClipArgs>): DynamoDBPutItemRequest {
  const token = ctx.args.input.clientToken;
  if (isBlank(token)) {
    return runtime.earlyReturn(null);
  }
  const clip: Clip = ctx.stash.clip;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ competition: clip.competition, clipId: clientTokenKey(token) }),
    attributeValues: util.dynamodb.toMapValues({
      tokenFor: clip.clipId,
      expiresAt: util.time.nowEpochSeconds() + TOKEN_TTL_SECONDS,
    }),
    condition: { expression: 'attribute_not_exists(clipId)' },
  };
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    ctx.stash.isRetry = true;
    return null;
  }
  raiseDataSourceError(ctx);
  return ctx.result;
}
