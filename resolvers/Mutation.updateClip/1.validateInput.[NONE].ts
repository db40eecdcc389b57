// Step 1 of updateClip: checks the clip's key and the new text before anything is written.
import type { Context } from '@aws-appsync/utils';
import type { MutationUpdateClipArgs } from '../../generated/schema.ts';
import { checkClipId, checkClipText, checkCompetition } from '../lib/clipRules.ts';
import { invalidField } from '../lib/errors.ts';

export function request(ctx: Context<MutationUpdateClipArgs>) {
  const input = ctx.args.input;
  checkCompetition('input.competition', input.competition);
  checkClipId('input.clipId', input.clipId);
  checkClipText('input', input);
  // Absent fields are kept; AppSync passes only the fields the caller sent.
  if (input.title === undefined && input.description === undefined) {
    invalidField('input', 'give title or description (or both): nothing else can be changed');
  }
  return { payload: null };
}

export function response(ctx: Context) {
  return ctx.result;
}
