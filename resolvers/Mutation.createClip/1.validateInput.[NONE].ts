// Step 1 of createClip: check the input and build the PENDING clip. Raises before anything is
// written, naming the field that broke a rule.
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { Clip, MutationCreateClipArgs } from '../../generated/schema.ts';
import { isoTime, newClipId } from '../lib/clipKeys.ts';
import { checkClipFields, clipLimits, clipRange } from '../lib/clipRules.ts';

export function request(ctx: Context<MutationCreateClipArgs>) {
  const input = ctx.args.input;
  checkClipFields(input);
  const now = util.time.nowEpochMilliSeconds();
  const range = clipRange(input, clipLimits(ctx.env), now);
  const clip: Clip = {
    competition: input.competition,
    clipId: newClipId(range.startMillis),
    status: 'PENDING',
    startTime: isoTime(range.startMillis),
    endTime: isoTime(range.endMillis),
    durationSeconds: (range.endMillis - range.startMillis) / 1000,
    title: input.title,
    description: input.description,
    manifests: [],
    createdAt: isoTime(now),
    updatedAt: isoTime(now),
  };
  ctx.stash.clip = clip;
  return { payload: clip };
}

export function response(ctx: Context) {
  return ctx.result;
}
