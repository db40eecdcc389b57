// The library of one competition, newest first. from/to bound the start time through the sort
// key (clip ids begin with the start time), so a range is a key condition, never a scan.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryClipsByCompetitionArgs } from '../generated/schema.ts';
import { FIRST_CLIP_KEY, LAST_CLIP_KEY, clipKeyPrefix } from './lib/clipKeys.ts';
import { invalidField, raiseDataSourceError } from './lib/errors.ts';
import { isMissing } from './lib/values.ts';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export function request(ctx: Context<QueryClipsByCompetitionArgs>): DynamoDBQueryRequest {
  const { competition, from, to, limit, nextToken } = ctx.args;
  const pageSize = isMissing(limit) ? DEFAULT_PAGE_SIZE : limit;
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    invalidField('limit', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  const fromMillis = isMissing(from) ? 0 : util.time.parseISO8601ToEpochMilliSeconds(from);
  const toMillis = isMissing(to) ? 0 : util.time.parseISO8601ToEpochMilliSeconds(to);
  if (!isMissing(from) && !isMissing(to) && fromMillis > toMillis) {
    invalidField('to', 'must not be before from');
  }
  // A clip that starts exactly at `to` has an id longer than its prefix: "~" sorts after it.
  const lower = isMissing(from) ? FIRST_CLIP_KEY : clipKeyPrefix(fromMillis);
  const upper = isMissing(to) ? LAST_CLIP_KEY : `${clipKeyPrefix(toMillis)}~`;
  return {
    operation: 'Query',
    query: {
      expression: 'competition = :competition AND clipId BETWEEN :lower AND :upper',
      expressionValues: util.dynamodb.toMapValues({ ':competition': competition, ':lower': lower, ':upper': upper }),
    },
    scanIndexForward: false,
    limit: pageSize,
    nextToken: isMissing(nextToken) ? undefined : nextToken,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken };
}
