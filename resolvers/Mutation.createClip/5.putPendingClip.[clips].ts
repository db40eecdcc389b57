// Step 5 of createClip: writes the clip as PENDING, so its title and description are kept from
// request to ready (the seed lost them), in the in-flight index as CREATING until step 8 records
// the harvest start, so a pipeline that stops in between leaves a clip the sweeper finds. On a
// retried clientToken it reads which clip the token named instead. With retention on, the clip
// carries the time DynamoDB's time to live removes it (contracts/clipTable.ts).
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { CLIP_TABLE_TTL_ATTRIBUTE, CREATING, IN_FLIGHT_INDEX } from '../../contracts/clipTable.ts';
import { clientTokenKey } from '../lib/clipKeys.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { isMissing } from '../lib/values.ts';

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
  const { competition, clipId, ...attributes } = clip;
  const item: Record<string, unknown> = { ...attributes };
  item[IN_FLIGHT_INDEX.partition] = CREATING;
  item[IN_FLIGHT_INDEX.sort] = clip.createdAt;
  if (!isMissing(ctx.stash.expiresAt)) {
    item[CLIP_TABLE_TTL_ATTRIBUTE] = ctx.stash.expiresAt;
  }
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ competition, clipId }),
    attributeValues: util.dynamodb.toMapValues(item),
    condition: { expression: 'attribute_not_exists(clipId)' },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (ctx.stash.isRetry) {
    ctx.stash.firstClipId = ctx.result.tokenFor;
  }
  return ctx.result;
}
