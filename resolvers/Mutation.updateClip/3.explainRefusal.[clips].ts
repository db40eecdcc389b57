// Step 3 of updateClip: answers the written clip, or says why step 2 was refused: no such clip,
// or a ConflictError that carries the clip as it is now, so the editor can merge and retry.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationUpdateClipArgs } from '../../generated/schema.ts';
import { clipFields } from '../lib/clipFields.ts';
import { ErrorType, notFound, raiseDataSourceError } from '../lib/errors.ts';
import { isMissing } from '../lib/values.ts';

export function request(ctx: Context<MutationUpdateClipArgs>): DynamoDBGetItemRequest {
  if (!isMissing(ctx.prev.result)) {
    return runtime.earlyReturn(ctx.prev.result);
  }
  const input = ctx.args.input;
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ competition: input.competition, clipId: input.clipId }),
    consistentRead: true,
  };
}

export function response(ctx: Context<MutationUpdateClipArgs>) {
  raiseDataSourceError(ctx);
  const input = ctx.args.input;
  const current = ctx.result;
  if (isMissing(current) || isMissing(current.status) || current.status === 'DELETED') {
    notFound('input.clipId', `no clip ${input.clipId} in competition ${input.competition}`);
  }
  return util.error(
    `input.expectedUpdatedAt: the clip changed at ${current.updatedAt}, after ${input.expectedUpdatedAt}; the error's data is the clip as it is now`,
    ErrorType.Conflict,
    clipFields(current),
    { field: 'input.expectedUpdatedAt', currentUpdatedAt: current.updatedAt },
  );
}
