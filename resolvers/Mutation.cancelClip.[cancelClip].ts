// Mutation.cancelClip: the cancelClip Lambda stops the harvest and writes CANCELLED (publishing
// it, as every backend status change is); this maps its outcome to the answer or a typed error.
// A clip whose harvest ended first gets a ConflictError carrying the clip as it is.
import { util } from '@aws-appsync/utils';
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationCancelClipArgs } from '../generated/schema.ts';
import type { CancelClipRequest, CancelClipResult } from '../contracts/cancelClip.ts';
import { clipFields } from './lib/clipFields.ts';
import { checkClipId, checkCompetition } from './lib/clipRules.ts';
import { ErrorType, notFound } from './lib/errors.ts';

export function request(ctx: Context<MutationCancelClipArgs>): LambdaRequest {
  checkCompetition('competition', ctx.args.competition);
  checkClipId('clipId', ctx.args.clipId);
  const payload: CancelClipRequest = { competition: ctx.args.competition, clipId: ctx.args.clipId };
  return { operation: 'Invoke', payload };
}

export function response(ctx: Context<MutationCancelClipArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const result: CancelClipResult = ctx.result;
  if (result.outcome === 'not-found') {
    notFound('clipId', `competition ${ctx.args.competition} has no clip ${ctx.args.clipId}`);
  }
  if (result.outcome === 'too-late') {
    util.error(`clipId: cannot be cancelled: ${result.reason}`, ErrorType.Conflict, clipFields(result.clip), { field: 'clipId', reason: result.reason });
  }
  return result.clip;
}
