// clipChanges cursors: where in a competition's changes (ordered by updatedAt, then clipId) a
// client has read up to, plus, when a page was all filtered out, the data source's page token.
// Opaque to apps; checked field by field when read back, since APPSYNC_JS has no try/catch to
// catch a forged one failing to parse.
import { util } from '@aws-appsync/utils';
import { CLIP_ID_PATTERN } from '../../contracts/clipIds.ts';
import { isoTime } from './clipKeys.ts';
import { invalidField } from './errors.ts';

export interface ChangesCursor {
  /** The updatedAt of the last change read (ISO, milliseconds, UTC). */
  updatedAt: string;
  /** The clip of that change; "" reads every clip changed at updatedAt. */
  clipId: string;
  /** A DynamoDB page to continue from; "" for none. */
  page: string;
}

const VERSION = 'c1';
const ISO_MILLIS = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
const BASE64 = '[A-Za-z0-9+/]+={0,2}';
const MAX_CURSOR_LENGTH = 4096;

export function encodeCursor(cursor: ChangesCursor): string {
  return util.base64Encode(`${VERSION}|${cursor.updatedAt}|${cursor.clipId}|${cursor.page}`);
}

/**
 * Changes are listed up to `settleSeconds` before now, never closer: a write whose index entry
 * (eventually consistent) or clock lags a little is read on the next call instead of skipped.
 * A client may therefore get a change twice; the newest updatedAt wins.
 */
export function settledCursor(nowMillis: number, settleSeconds: number): ChangesCursor {
  return { updatedAt: isoTime(nowMillis - settleSeconds * 1000), clipId: '', page: '' };
}

export function decodeCursor(field: string, cursor: string): ChangesCursor {
  const forged = 'is not a cursor from clipsByCompetition or clipChanges: list the library again to get one';
  if (cursor.length > MAX_CURSOR_LENGTH || !util.matches(BASE64, cursor)) {
    invalidField(field, forged);
  }
  const parts = util.base64Decode(cursor).split('|');
  const version = parts.length >= 4 ? parts[0] : '';
  const updatedAt = parts.length >= 4 ? String(parts[1]) : '';
  const clipId = parts.length >= 4 ? String(parts[2]) : '';
  if (version !== VERSION || !util.matches(ISO_MILLIS, updatedAt) || (clipId !== '' && !util.matches(CLIP_ID_PATTERN, clipId))) {
    invalidField(field, forged);
  }
  return { updatedAt, clipId, page: parts.slice(3).join('|') };
}
