// Step 2 of updateClip: writes the new title and description only if the clip is as the editor
// last saw it (its updatedAt), so two editors never silently overwrite each other; a refused
// condition is answered in step 3 with the clip as it is now.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationUpdateClipArgs } from '../../generated/schema.ts';
import { isoTime } from '../lib/clipKeys.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { isBlank } from '../lib/values.ts';

export function request(ctx: Context<MutationUpdateClipArgs>): DynamoDBUpdateItemRequest {
  const input = ctx.args.input;
  const sets = ['updatedAt = :now'];
  const removes = [];
  const values: Record<string, unknown> = { ':now': isoTime(util.time.nowEpochMilliSeconds()) };
  for (const field of ['title', 'description']) {
    const value = input[field as 'title' | 'description'];
    if (value !== undefined && isBlank(value)) {
      removes.push(field);
    } else if (value !== undefined) {
      sets.push(`${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  values[':expected'] = input.expectedUpdatedAt;
  values[':deleted'] = 'DELETED';
  const remove = removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : '';
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ competition: input.competition, clipId: input.clipId }),
    update: { expression: `SET ${sets.join(', ')}${remove}`, expressionValues: util.dynamodb.toMapValues(values) },
    condition: {
      expression: 'attribute_exists(#status) AND #status <> :deleted AND updatedAt = :expected',
      expressionNames: { '#status': 'status' },
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    return null;
  }
  raiseDataSourceError(ctx);
  return ctx.result;
}
