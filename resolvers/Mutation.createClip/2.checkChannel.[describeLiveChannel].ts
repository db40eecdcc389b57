// Step 2 of createClip: a clip that ends in the future is harvested as the range streams, which
// only MediaPackage v2 does; the describeLiveChannel Lambda says which version the competition's
// channel is on, and a v1 channel refuses the clip before anything is written. Clips that have
// ended skip the call.
import { runtime } from '@aws-appsync/utils';
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import type { DescribeLiveChannelRequest, DescribeLiveChannelResult } from '../../contracts/describeLiveChannel.ts';
import { invalidField, raiseDataSourceError } from '../lib/errors.ts';

export function request(ctx: Context): LambdaRequest {
  if (!ctx.stash.endsInFuture) {
    return runtime.earlyReturn(null);
  }
  const clip: Clip = ctx.stash.clip;
  const payload: DescribeLiveChannelRequest = { competition: clip.competition };
  return { operation: 'Invoke', payload };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const channel: DescribeLiveChannelResult = ctx.result;
  if (channel.version === 'v1') {
    invalidField(
      'input.endTime',
      `lies in the future, but competition ${channel.competition} clips from a MediaPackage v1 channel, which harvests only ranges that have ended: end the clip now, or clip it from a v2 channel`,
    );
  }
  return channel;
}
