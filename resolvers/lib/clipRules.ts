// The rules a clip's input must meet before anything is written. They follow MediaPackage's
// harvest-job rules (https://docs.aws.amazon.com/mediapackage/latest/ug/harvest-jobs.html):
// the range must start in the past, lie inside the origin's startover window and last at most
// 24 h. v1 harvests only ranges that have ended; v2 takes an end in the future (MediaPackage v2
// API reference, CreateHarvestJob: ScheduleConfiguration), up to MAX_FUTURE_END_SECONDS ahead
// here, and step 2 of createClip refuses such an end on a v1 channel.
import { util } from '@aws-appsync/utils';
import type { CreateClipInput, Maybe } from '../../generated/schema.ts';
import { CLIP_ID_PATTERN, COMPETITION_ID_PATTERN } from '../../contracts/clipIds.ts';
import { CREATE_CLIP_RATE_LIMIT, CREATE_CLIP_RATE_WINDOW_SECONDS, DEFAULT_CREATE_CLIP_RATE } from '../../contracts/createClipRate.ts';
import { invalidField } from './errors.ts';
import { isBlank, isMissing } from './values.ts';

/** Limits read from the API's environment variables (`ctx.env`), with the defaults below. */
export interface ClipLimits {
  startoverWindowSeconds: number;
  clockSkewSeconds: number;
  defaultClipSeconds: number;
  /** Clips expire this many days after they were made; 0 keeps them. */
  retentionDays: number;
  /** How far ahead of now a clip's end may lie, on a MediaPackage v2 channel. */
  futureEndSeconds: number;
}

const MAX_CLIP_SECONDS = 24 * 60 * 60;
const MAX_TITLE_LENGTH = 200;
const MAX_DESCRIPTION_LENGTH = 2000;
const MAX_CLIENT_TOKEN_LENGTH = 64;
const CLIENT_TOKEN_PATTERN = '[\\x21-\\x7E]+';

function numberSetting(env: Record<string, string>, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (isBlank(raw)) {
    return fallback;
  }
  const value = Number(raw);
  return value > 0 || (allowZero && value === 0) ? value : fallback;
}

export function clipLimits(env: Record<string, string>): ClipLimits {
  return {
    startoverWindowSeconds: numberSetting(env, 'STARTOVER_WINDOW_SECONDS', 3600),
    clockSkewSeconds: numberSetting(env, 'CLOCK_SKEW_SECONDS', 5),
    defaultClipSeconds: numberSetting(env, 'DEFAULT_CLIP_SECONDS', 60),
    // 90 days keeps a library of up to ~110 clips a day under MediaPackage-VOD's default quota
    // of 10,000 assets per packaging group (docs/library.md).
    retentionDays: numberSetting(env, 'CLIP_RETENTION_DAYS', 90, true),
    futureEndSeconds: numberSetting(env, 'MAX_FUTURE_END_SECONDS', 300, true),
  };
}

/** createClip's per-caller rate (contracts/createClipRate.ts): `limit` 0 turns it off. */
export function createClipRate(env: Record<string, string>): { limit: number; windowSeconds: number } {
  return {
    limit: numberSetting(env, CREATE_CLIP_RATE_LIMIT, DEFAULT_CREATE_CLIP_RATE.limit, true),
    windowSeconds: numberSetting(env, CREATE_CLIP_RATE_WINDOW_SECONDS, DEFAULT_CREATE_CLIP_RATE.windowSeconds),
  };
}

/** How far behind now clipChanges reads (lib/changesCursor.ts). */
export function changesSettleSeconds(env: Record<string, string>): number {
  return numberSetting(env, 'CHANGES_SETTLE_SECONDS', 5, true);
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** A listing's page size: `limit` or the default, refused outside 1..MAX_PAGE_SIZE. */
export function pageSize(field: string, limit: Maybe<number> | undefined): number {
  const size = isMissing(limit) ? DEFAULT_PAGE_SIZE : limit;
  if (size < 1 || size > MAX_PAGE_SIZE) {
    invalidField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

export interface ClipRange {
  startMillis: number;
  endMillis: number;
  /** The end lies ahead of now (beyond the clock skew): only a v2 channel harvests that. */
  endsInFuture: boolean;
}

/** The clip's range: defaults to the last `defaultClipSeconds` before now (the seed's behaviour). */
export function clipRange(input: CreateClipInput, limits: ClipLimits, nowMillis: number): ClipRange {
  const endMillis = isMissing(input.endTime) ? nowMillis : util.time.parseISO8601ToEpochMilliSeconds(input.endTime);
  const startMillis = isMissing(input.startTime)
    ? endMillis - limits.defaultClipSeconds * 1000
    : util.time.parseISO8601ToEpochMilliSeconds(input.startTime);

  if (endMillis <= startMillis) {
    invalidField('input.endTime', 'must be after startTime');
  }
  if (startMillis > nowMillis) {
    invalidField('input.startTime', 'must be in the past: a harvest starts from what has been streamed');
  }
  const endsInFuture = endMillis > nowMillis + limits.clockSkewSeconds * 1000;
  if (endMillis > nowMillis + Math.max(limits.clockSkewSeconds, limits.futureEndSeconds) * 1000) {
    invalidField('input.endTime', `may lie at most ${limits.futureEndSeconds} seconds in the future`);
  }
  if (endMillis - startMillis > MAX_CLIP_SECONDS * 1000) {
    invalidField('input.endTime', 'a clip may last at most 24 hours');
  }
  const windowStart = nowMillis - limits.startoverWindowSeconds * 1000;
  if (startMillis < windowStart) {
    invalidField(
      'input.startTime',
      `must be inside the live startover window: at most ${limits.startoverWindowSeconds} seconds ago`,
    );
  }
  return { startMillis, endMillis, endsInFuture };
}

/** `field` (e.g. "input.competition") names where the value came from in the error. */
export function checkCompetition(field: string, competition: string): void {
  if (!util.matches(COMPETITION_ID_PATTERN, competition)) {
    invalidField(field, 'must be 1-128 letters, digits, "_" or "-", starting with a letter or digit');
  }
}

export function checkClipId(field: string, clipId: string): void {
  if (!util.matches(CLIP_ID_PATTERN, clipId)) {
    invalidField(field, 'is not a clip id: clip ids look like 20260101T120000000Z-01ARZ3NDEKTSV4RR');
  }
}

/** Title and description, as createClip and updateClip take them. */
export function checkClipText(prefix: string, text: { title?: Maybe<string>; description?: Maybe<string> }): void {
  if (!isMissing(text.title) && text.title.length > MAX_TITLE_LENGTH) {
    invalidField(`${prefix}.title`, `must be at most ${MAX_TITLE_LENGTH} characters`);
  }
  if (!isMissing(text.description) && text.description.length > MAX_DESCRIPTION_LENGTH) {
    invalidField(`${prefix}.description`, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
}

/** Checks the fields that are not times; raises on the first one that breaks a rule. */
export function checkClipFields(input: CreateClipInput): void {
  checkCompetition('input.competition', input.competition);
  checkClipText('input', input);
  if (
    !isMissing(input.clientToken) &&
    (input.clientToken.length > MAX_CLIENT_TOKEN_LENGTH || !util.matches(CLIENT_TOKEN_PATTERN, input.clientToken))
  ) {
    invalidField('input.clientToken', `must be 1-${MAX_CLIENT_TOKEN_LENGTH} printable ASCII characters without spaces`);
  }
}
