// The library of one competition, newest first. from/to bound the start time through the sort
// key (clip ids begin with the start time), so a range is a key condition, never a scan; the
// status filter and the leaving out of DELETED tombstones are filters over that range.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryClipsByCompetitionArgs } from '../generated/schema.ts';
import { encodeCursor, settledCursor } from './lib/changesCursor.ts';
import { FIRST_CLIP_KEY, LAST_CLIP_KEY, clipKeyPrefix } from './lib/clipKeys.ts';
import { changesSettleSeconds, checkCompetition, pageSize } from './lib/clipRules.ts';
import { invalidField, raiseDataSourceError } from './lib/errors.ts';
import { isMissing } from './lib/values.ts';

export function request(ctx: Context<QueryClipsByCompetitionArgs>): DynamoDBQueryRequest {
  const { competition, from, to, status, limit, nextToken } = ctx.args;
  checkCompetition('competition', competition);
  const size = pageSize('limit', limit);
  const fromMillis = isMissing(from) ? 0 : util.time.parseISO8601ToEpochMilliSeconds(from);
  const toMillis = isMissing(to) ? 0 : util.time.parseISO8601ToEpochMilliSeconds(to);
  if (!isMissing(from) && !isMissing(to) && fromMillis > toMillis) {
    invalidField('to', 'must not be before from');
  }
  if (status === 'DELETED') {
    invalidField('status', 'deleted clips are not in the library: clipChanges lists deletions');
  }
  // Taken before the read: a change made while it runs comes again from clipChanges.
  ctx.stash.changesCursor = encodeCursor(settledCursor(util.time.nowEpochMilliSeconds(), changesSettleSeconds(ctx.env)));
  // A clip that starts exactly at `to` has an id longer than its prefix: "~" sorts after it.
  const lower = isMissing(from) ? FIRST_CLIP_KEY : clipKeyPrefix(fromMillis);
  const upper = isMissing(to) ? LAST_CLIP_KEY : `${clipKeyPrefix(toMillis)}~`;
  return {
    operation: 'Query',
    query: {
      expression: 'competition = :competition AND clipId BETWEEN :lower AND :upper',
      expressionValues: util.dynamodb.toMapValues({ ':competition': competition, ':lower': lower, ':upper': upper }),
    },
    filter: isMissing(status)
      ? {
          expression: '#status <> :deleted',
          expressionNames: { '#status': 'status' },
          expressionValues: util.dynamodb.toMapValues({ ':deleted': 'DELETED' }),
        }
      : {
          expression: '#status = :status',
          expressionNames: { '#status': 'status' },
          expressionValues: util.dynamodb.toMapValues({ ':status': status }),
        },
    scanIndexForward: false,
    limit: size,
    nextToken: isMissing(nextToken) ? undefined : nextToken,
  };
}

export function response(ctx: Context<QueryClipsByCompetitionArgs>) {
  // A token DynamoDB cannot take (altered, made up, or from another listing) is the caller's
  // nextToken at fault: named as such, rather than passed on as the data source's error.
  if (ctx.error && !isMissing(ctx.args.nextToken) && ctx.error.type.indexOf('ValidationException') >= 0) {
    invalidField('nextToken', 'is not a token this listing issued: list again without it');
  }
  raiseDataSourceError(ctx);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken, changesCursor: ctx.stash.changesCursor };
}
