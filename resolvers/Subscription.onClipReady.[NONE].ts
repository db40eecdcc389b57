// onClipReady pushes a clip only once it is playable. The competition argument already filters
// by equality; the enhanced filter below adds the status, so apps never see intermediate states.
import { extensions, util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnClipReadyArgs } from '../generated/schema.ts';

export function request() {
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
