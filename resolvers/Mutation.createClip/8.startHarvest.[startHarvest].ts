// Step 8 of createClip: the startHarvest Lambda starts the MediaPackage harvest job for the
// clip's range. A failure here does not fail the request: the clip is kept and marked FAILED in
// step 9 with the reason, so an editor sees what went wrong and no clip is left PENDING.
import { runtime } from '@aws-appsync/utils';
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { StartHarvestRequest } from '../../contracts/startHarvest.ts';

export function request(ctx: Context): LambdaRequest {
  if (ctx.stash.isRetry) {
    return runtime.earlyReturn(null);
  }
  const payload: StartHarvestRequest = { clip: ctx.stash.clip };
  return { operation: 'Invoke', payload };
}

export function response(ctx: Context) {
  if (ctx.error) {
    ctx.stash.harvestError = ctx.error.message;
    return null;
  }
  ctx.stash.harvest = ctx.result;
  return ctx.result;
}
