// Step 3 of deleteClip: a repeated delete answers the tombstone step 2 left the first time (and
// step 4 finishes a removal that stopped half-way); a clip that never existed is NotFound.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationDeleteClipArgs } from '../../generated/schema.ts';
import { notFound, raiseDataSourceError } from '../lib/errors.ts';
import { isMissing } from '../lib/values.ts';

export function request(ctx: Context<MutationDeleteClipArgs>): DynamoDBGetItemRequest {
  if (!isMissing(ctx.prev.result)) {
    // An early return skips this step's response: the stash is filled here.
    ctx.stash.tombstone = ctx.prev.result;
    return runtime.earlyReturn(ctx.prev.result);
  }
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ competition: ctx.args.competition, clipId: ctx.args.clipId }),
    consistentRead: true,
  };
}

export function response(ctx: Context<MutationDeleteClipArgs>) {
  raiseDataSourceError(ctx);
  if (isMissing(ctx.result) || isMissing(ctx.result.status)) {
    notFound('clipId', `no clip ${ctx.args.clipId} in competition ${ctx.args.competition}`);
  }
  ctx.stash.tombstone = ctx.result;
  return ctx.result;
}
