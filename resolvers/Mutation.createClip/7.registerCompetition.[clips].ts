// Step 7 of createClip: records the competition in the competitions registry
// (contracts/competitions.ts), so Query.competitions lists it without a scan. Written after the
// clip, so only a competition with a clip is registered; with retention on, the entry carries the
// clip's time to live and so goes when the competition's newest clip does. A failure here leaves
// a CREATING clip, which the sweeper starts; the caller's retry with its clientToken finds it.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { CLIP_TABLE_TTL_ATTRIBUTE } from '../../contracts/clipTable.ts';
import { competitionRegistryKey, LAST_CLIP_AT_ATTRIBUTE } from '../../contracts/competitions.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { isMissing } from '../lib/values.ts';

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  if (ctx.stash.isRetry) {
    return runtime.earlyReturn(null);
  }
  const clip: Clip = ctx.stash.clip;
  const names: Record<string, string> = { '#lastClipAt': LAST_CLIP_AT_ATTRIBUTE };
  const values: Record<string, unknown> = { ':lastClipAt': clip.createdAt };
  const sets = ['#lastClipAt = :lastClipAt'];
  if (!isMissing(ctx.stash.expiresAt)) {
    names['#expiresAt'] = CLIP_TABLE_TTL_ATTRIBUTE;
    values[':expiresAt'] = ctx.stash.expiresAt;
    sets.push('#expiresAt = :expiresAt');
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(competitionRegistryKey(clip.competition)),
    update: {
      expression: `SET ${sets.join(', ')}`,
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.prev.result;
}
