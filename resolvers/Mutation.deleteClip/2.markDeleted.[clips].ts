// Step 2 of deleteClip: the clip leaves the library at once. It becomes a DELETED tombstone (so
// clipChanges and onClipUpdated tell apps) and enters the in-flight index as DELETING: whatever
// stops the removal of its asset and files after this write, a retried delete or the sweeper
// finishes it (contracts/clipTable.ts). Every handler's status write requires a status the
// tombstone does not have, so no late event brings the clip back. Its time to live goes: time to
// live must not remove a tombstone before its removal is finished, which sets a new one.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationDeleteClipArgs } from '../../generated/schema.ts';
import { CLIP_TABLE_TTL_ATTRIBUTE, DELETING, IN_FLIGHT_INDEX } from '../../contracts/clipTable.ts';
import { isoTime } from '../lib/clipKeys.ts';
import { raiseDataSourceError } from '../lib/errors.ts';

export function request(ctx: Context<MutationDeleteClipArgs>): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ competition: ctx.args.competition, clipId: ctx.args.clipId }),
    update: {
      expression: 'SET #status = :deleted, deletedAt = :now, updatedAt = :now, #inFlightStatus = :deleting, #inFlightSince = :now REMOVE #expiresAt',
      expressionNames: {
        '#status': 'status',
        '#inFlightStatus': IN_FLIGHT_INDEX.partition,
        '#inFlightSince': IN_FLIGHT_INDEX.sort,
        '#expiresAt': CLIP_TABLE_TTL_ATTRIBUTE,
      },
      expressionValues: util.dynamodb.toMapValues({
        ':deleted': 'DELETED',
        ':deleting': DELETING,
        ':now': isoTime(util.time.nowEpochMilliSeconds()),
      }),
    },
    condition: { expression: 'attribute_exists(#status) AND #status <> :deleted' },
  };
}

export function response(ctx: Context) {
  // Already deleted (or no such clip): step 3 tells which.
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    return null;
  }
  raiseDataSourceError(ctx);
  return ctx.result;
}
