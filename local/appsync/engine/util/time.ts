// util.time: AppSync formats and parses with Java's DateTimeFormatter patterns
// (https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html).
// This covers the pattern letters resolvers use: years, months, days, hours, minutes, seconds,
// fractions, AM/PM, day names, offsets (Z, X, x) and quoted literals.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export class TimeFormatError extends Error {
  override readonly name = 'TimeFormatError';
}

type Token = { literal: string } | { letter: string; count: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern.charAt(i);
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) throw new TimeFormatError(`unterminated quote in pattern ${pattern}`);
      tokens.push({ literal: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern.charAt(i + count) === char) count += 1;
      tokens.push({ letter: char, count });
      i += count;
    } else {
      tokens.push({ literal: char });
      i += 1;
    }
  }
  return tokens;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  offsetMinutes: number;
}

/** Offset of a time zone from UTC at an instant, in minutes. */
function zoneOffsetMinutes(epochMillis: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Z' || timeZone === 'Etc/UTC' || timeZone === 'GMT') return 0;
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(epochMillis));
  } catch (error) {
    throw new TimeFormatError(`unknown time zone ${timeZone}`, { cause: error });
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - (epochMillis - (epochMillis % 1000 + 1000) % 1000)) / 60_000);
}

function fieldsAt(epochMillis: number, timeZone: string): Fields {
  const offsetMinutes = zoneOffsetMinutes(epochMillis, timeZone);
  const local = new Date(epochMillis + offsetMinutes * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
    offsetMinutes,
  };
}

function pad(value: number, width: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
}

function formatOffset(minutes: number, colon: boolean, zuluForZero: boolean): string {
  if (minutes === 0 && zuluForZero) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function formatToken(token: Token, f: Fields): string {
  if ('literal' in token) return token.literal;
  const { letter, count } = token;
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month - 1] ?? '';
      if (count === 3) return (MONTHS[f.month - 1] ?? '').slice(0, 3);
      return pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'H':
      return pad(f.hour, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? (DAYS[f.weekday] ?? '') : (DAYS[f.weekday] ?? '').slice(0, 3);
    case 'Z':
      return count === 5 ? formatOffset(f.offsetMinutes, true, true) : formatOffset(f.offsetMinutes, false, false);
    case 'X':
      return formatOffset(f.offsetMinutes, count >= 3, true);
    case 'x':
      return formatOffset(f.offsetMinutes, count >= 3, false);
    default:
      throw new TimeFormatError(`pattern letter ${letter} is not supported by the local engine`);
  }
}

export function formatEpochMillis(epochMillis: number, pattern: string, timeZone = 'UTC'): string {
  const fields = fieldsAt(epochMillis, timeZone);
  return tokenize(pattern)
    .map((token) => formatToken(token, fields))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tokenRegExp(token: Token): string {
  if ('literal' in token) return escapeRegExp(token.literal);
  const { letter, count } = token;
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? '(\\d{2})' : '(-?\\d{4,9})';
    case 'M':
    case 'L':
      if (count >= 3) return '([A-Za-z]+)';
      return count === 1 ? '(\\d{1,2})' : '(\\d{2})';
    case 'S':
      return `(\\d{${count}})`;
    case 'a':
      return '(AM|PM|am|pm)';
    case 'E':
      return '([A-Za-z]+)';
    case 'Z':
    case 'X':
    case 'x':
      return '(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})';
    default:
      return count === 1 ? '(\\d{1,2})' : `(\\d{${count}})`;
  }
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) throw new TimeFormatError(`bad offset ${text}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

export function parseFormatted(text: string, pattern: string, timeZone = 'UTC'): number {
  const tokens = tokenize(pattern);
  const match = new RegExp(`^${tokens.map(tokenRegExp).join('')}$`).exec(String(text));
  if (!match) throw new TimeFormatError(`Text '${text}' could not be parsed with pattern ${pattern}`);
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let group = 1;
  for (const token of tokens) {
    if ('literal' in token) continue;
    const value = match[group] ?? '';
    group += 1;
    switch (token.letter) {
      case 'y':
      case 'u':
        year = token.count === 2 ? 2000 + Number(value) : Number(value);
        break;
      case 'M':
      case 'L':
        month = token.count >= 3 ? MONTHS.findIndex((m) => m.toLowerCase().startsWith(value.toLowerCase())) + 1 : Number(value);
        break;
      case 'd':
        day = Number(value);
        break;
      case 'H':
      case 'h':
        hour = Number(value);
        break;
      case 'm':
        minute = Number(value);
        break;
      case 's':
        second = Number(value);
        break;
      case 'S':
        millisecond = Math.round(Number(`0.${value}`) * 1000);
        break;
      case 'a':
        pm = value.toUpperCase() === 'PM';
        break;
      case 'Z':
      case 'X':
      case 'x':
        offset = parseOffset(value);
        break;
      default:
        break;
    }
  }
  if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (offset !== undefined) return asUtc - offset * 60_000;
  // A local time in a zone: its offset is the zone's at that (nearby) instant.
  return asUtc - zoneOffsetMinutes(asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000, timeZone) * 60_000;
}

const ISO_8601 = /^-?\d{4,}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}(?::?\d{2})?)?)?$/;

export function parseISO8601ToEpochMilliSeconds(text: string): number {
  const value = String(text);
  const millis = ISO_8601.test(value) ? Date.parse(value.replace(/(\.\d{3})\d+/, '$1')) : Number.NaN;
  if (Number.isNaN(millis)) throw new TimeFormatError(`Text '${value}' could not be parsed as an ISO 8601 date-time`);
  return millis;
}

export function createTimeUtils(now: () => number = Date.now) {
  return {
    nowISO8601: () => new Date(now()).toISOString(),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (pattern: string, timeZone?: string) => formatEpochMillis(now(), pattern, timeZone),
    parseFormattedToEpochMilliSeconds: (text: string, pattern: string, timeZone?: string) => parseFormatted(text, pattern, timeZone),
    parseISO8601ToEpochMilliSeconds,
    epochMilliSecondsToSeconds: (millis: number) => Math.trunc(millis / 1000),
    epochMilliSecondsToISO8601: (millis: number) => new Date(millis).toISOString(),
    epochMilliSecondsToFormatted: (millis: number, pattern: string, timeZone?: string) => formatEpochMillis(millis, pattern, timeZone),
  };
}
