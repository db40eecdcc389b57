// Step 4 of deleteClip: the removeClip Lambda removes the VOD asset and the harvested files, then
// takes the tombstone out of the in-flight index. Its failure does not fail the request: the
// clip is deleted already, and the sweeper finishes what the Lambda could not.
import { runtime } from '@aws-appsync/utils';
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import { DELETING, IN_FLIGHT_INDEX } from '../../contracts/clipTable.ts';
import type { RemoveClipRequest } from '../../contracts/removeClip.ts';

export function request(ctx: Context): LambdaRequest {
  const tombstone = ctx.stash.tombstone;
  if (tombstone[IN_FLIGHT_INDEX.partition] !== DELETING) {
    return runtime.earlyReturn(tombstone);
  }
  const payload: RemoveClipRequest = { clip: { competition: tombstone.competition, clipId: tombstone.clipId } };
  return { operation: 'Invoke', payload };
}

export function response(ctx: Context) {
  return ctx.stash.tombstone;
}
