// Step 1 of deleteClip: checks the clip's key before anything is written.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteClipArgs } from '../../generated/schema.ts';
import { checkClipId, checkCompetition } from '../lib/clipRules.ts';

export function request(ctx: Context<MutationDeleteClipArgs>) {
  checkCompetition('competition', ctx.args.competition);
  checkClipId('clipId', ctx.args.clipId);
  return { payload: null };
}

export function response(ctx: Context) {
  return ctx.result;
}
