// onClipUpdated filters by its arguments (competition, and clipId when given), as AppSync does
// for a subscription's arguments; this resolver only refuses arguments no clip can have, so an
// app that subscribes with a mistyped id hears why instead of waiting for pushes that never come.
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnClipUpdatedArgs } from '../generated/schema.ts';
import { checkClipId, checkCompetition } from './lib/clipRules.ts';
import { isMissing } from './lib/values.ts';

export function request(ctx: Context<SubscriptionOnClipUpdatedArgs>) {
  checkCompetition('competition', ctx.args.competition);
  if (!isMissing(ctx.args.clipId)) {
    checkClipId('clipId', ctx.args.clipId);
  }
  return { payload: null };
}

export function response() {
  return null;
}
