// onClipReady pushes a clip only once it is playable. The competition argument already filters
// by equality; the enhanced filter below adds the status, so apps never see intermediate states.
import { extensions, util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnClipReadyArgs } from '../generated/schema.ts';
import { checkCompetition } from './lib/clipRules.ts';

export function request(ctx: Context<SubscriptionOnClipReadyArgs>) {
  // A competition no clip can have would never get a push: the start is refused, naming it.
  checkCompetition('competition', ctx.args.competition);
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnClipReadyArgs>) {
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({
      competition: { eq: ctx.args.competition },
      status: { eq: 'READY' },
    }),
  );
  return null;
}
