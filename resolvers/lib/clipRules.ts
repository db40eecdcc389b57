// The rules a clip's input must meet before anything is written. They follow MediaPackage's
// harvest-job rules (https://docs.aws.amazon.com/mediapackage/latest/ug/harvest-jobs.html):
// the range must have ended, lie inside the origin's startover window and last at most 24 h.
import { util } from '@aws-appsync/utils';
import type { CreateClipInput } from '../../generated/schema.ts';
import { COMPETITION_ID_PATTERN } from '../../contracts/clipIds.ts';
import { invalidField } from './errors.ts';
import { isBlank, isMissing } from './values.ts';

/** Limits read from the API's environment variables (`ctx.env`), with the defaults below. */
export interface ClipLimits {
  startoverWindowSeconds: number;
  clockSkewSeconds: number;
  defaultClipSeconds: number;
}

const MAX_CLIP_SECONDS = 24 * 60 * 60;
const MAX_TITLE_LENGTH = 200;
const MAX_DESCRIPTION_LENGTH = 2000;
const MAX_CLIENT_TOKEN_LENGTH = 64;
const CLIENT_TOKEN_PATTERN = '[\\x21-\\x7E]+';

function numberSetting(env: Record<string, string>, name: string, fallback: number): number {
  const raw = env[name];
  if (isBlank(raw)) {
    return fallback;
  }
  const value = Number(raw);
  return value > 0 ? value : fallback;
}

export function clipLimits(env: Record<string, string>): ClipLimits {
  return {
    startoverWindowSeconds: numberSetting(env, 'STARTOVER_WINDOW_SECONDS', 3600),
    clockSkewSeconds: numberSetting(env, 'CLOCK_SKEW_SECONDS', 5),
    defaultClipSeconds: numberSetting(env, 'DEFAULT_CLIP_SECONDS', 60),
  };
}

export interface ClipRange {
  startMillis: number;
  endMillis: number;
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
  if (endMillis > nowMillis + limits.clockSkewSeconds * 1000) {
    invalidField('input.endTime', 'must not be in the future: a clip can only cover what has been streamed');
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
  return { startMillis, endMillis };
}

/** Checks the fields that are not times; raises on the first one that breaks a rule. */
export function checkClipFields(input: CreateClipInput): void {
  if (!util.matches(COMPETITION_ID_PATTERN, input.competition)) {
    invalidField(
      'input.competition',
      'must be 1-128 letters, digits, "_" or "-", starting with a letter or digit',
    );
  }
  if (!isMissing(input.title) && input.title.length > MAX_TITLE_LENGTH) {
    invalidField('input.title', `must be at most ${MAX_TITLE_LENGTH} characters`);
  }
  if (!isMissing(input.description) && input.description.length > MAX_DESCRIPTION_LENGTH) {
    invalidField('input.description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  if (
    !isMissing(input.clientToken) &&
    (input.clientToken.length > MAX_CLIENT_TOKEN_LENGTH || !util.matches(CLIENT_TOKEN_PATTERN, input.clientToken))
  ) {
    invalidField('input.clientToken', `must be 1-${MAX_CLIENT_TOKEN_LENGTH} printable ASCII characters without spaces`);
  }
}
