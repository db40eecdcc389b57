// What changed in a competition's library after a cursor, oldest change first, from the changes
// index (contracts/clipTable.ts): every write sets updatedAt, so created, edited, moved-on and
// deleted clips (tombstones) all come, each as it is now. A query on the index, never a scan.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Clip, QueryClipChangesArgs } from '../generated/schema.ts';
import { CHANGES_INDEX, TOMBSTONE_RETENTION_DAYS } from '../contracts/clipTable.ts';
import { decodeCursor, encodeCursor, settledCursor, type ChangesCursor } from './lib/changesCursor.ts';
import { changesSettleSeconds, checkCompetition, clipLimits, pageSize } from './lib/clipRules.ts';
import { invalidField, raiseDataSourceError } from './lib/errors.ts';
import { isBlank } from './lib/values.ts';

export function request(ctx: Context<QueryClipChangesArgs>): DynamoDBQueryRequest {
  const { competition, since, limit } = ctx.args;
  checkCompetition('competition', competition);
  const size = pageSize('limit', limit);
  const cursor = decodeCursor('since', since);
  const now = util.time.nowEpochMilliSeconds();
  const oldest = now - TOMBSTONE_RETENTION_DAYS * 24 * 60 * 60 * 1000;
  const cursorMillis = util.time.parseISO8601ToEpochMilliSeconds(cursor.updatedAt);
  // Cursors are never issued past now: one that is would skip, unseen, every change made until
  // that instant (a made-up cursor, or one from a clock that ran ahead).
  if (cursorMillis > now + clipLimits(ctx.env).clockSkewSeconds * 1000) {
    invalidField('since', 'lies in the future, so changes until then would be missed: list the library again with clipsByCompetition and use its changesCursor');
  }
  if (cursorMillis < oldest) {
    invalidField(
      'since',
      `is older than the ${TOMBSTONE_RETENTION_DAYS} days deleted clips are remembered: list the library again with clipsByCompetition and use its changesCursor`,
    );
  }
  ctx.stash.since = cursor;
  return {
    operation: 'Query',
    index: CHANGES_INDEX.name,
    query: {
      expression: '#competition = :competition AND #updatedAt >= :updatedAt',
      expressionNames: { '#competition': CHANGES_INDEX.partition, '#updatedAt': CHANGES_INDEX.sort },
      expressionValues: util.dynamodb.toMapValues({ ':competition': competition, ':updatedAt': cursor.updatedAt }),
    },
    scanIndexForward: true,
    limit: size,
    nextToken: isBlank(cursor.page) ? undefined : cursor.page,
  };
}

export function response(ctx: Context<QueryClipChangesArgs>) {
  raiseDataSourceError(ctx);
  const since: ChangesCursor = ctx.stash.since;
  // Changes at the cursor's own instant count after the cursor's clip only. Dropped here, not by
  // a filter expression: DynamoDB refuses filters on the queried index's keys.
  const items: Clip[] = ctx.result.items.filter((clip: Clip) => isAfter({ updatedAt: clip.updatedAt, clipId: clip.clipId, page: '' }, since));
  const hasMore = !isBlank(ctx.result.nextToken);
  const last = items.length > 0 ? items[items.length - 1] : null;
  let next: ChangesCursor;
  if (hasMore) {
    // A page whose every item the filter dropped still moves on, through the page token.
    next = last ? { updatedAt: last.updatedAt, clipId: last.clipId, page: '' } : { ...since, page: ctx.result.nextToken };
  } else {
    const settled = settledCursor(util.time.nowEpochMilliSeconds(), changesSettleSeconds(ctx.env));
    const reached = last ? { updatedAt: last.updatedAt, clipId: last.clipId, page: '' } : { ...since, page: '' };
    next = isAfter(reached, settled) ? settled : reached;
    if (isAfter(since, next)) {
      next = { ...since, page: '' };
    }
  }
  return { items, cursor: encodeCursor(next), hasMore };
}

function isAfter(a: ChangesCursor, b: ChangesCursor): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.clipId > b.clipId);
}
