// Step 1 of createClip: check the input and build the PENDING clip. Raises before anything is
// written, naming the field that broke a rule.
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { Clip, MutationCreateClipArgs } from '../../generated/schema.ts';
import { isoTime, newClipId } from '../lib/clipKeys.ts';
import { checkClipFields, clipLimits, clipRange } from '../lib/clipRules.ts';
import { callerName } from '../lib/identity.ts';

export function request(ctx: Context<MutationCreateClipArgs>) {
  const input = ctx.args.input;
  checkClipFields(input);
  const now = util.time.nowEpochMilliSeconds();
  const limits = clipLimits(ctx.env);
  const range = clipRange(input, limits, now);
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
    createdBy: callerName(ctx),
    createdAt: isoTime(now),
    updatedAt: isoTime(now),
  };
  ctx.stash.clip = clip;
  ctx.stash.endsInFuture = range.endsInFuture;
  if (limits.retentionDays > 0) {
    // DynamoDB's time to live reads epoch seconds.
    ctx.stash.expiresAt = Math.floor(now / 1000) + limits.retentionDays * 24 * 60 * 60;
  }
  return { payload: clip };
}

export function response(ctx: Context) {
  return ctx.result;
}
