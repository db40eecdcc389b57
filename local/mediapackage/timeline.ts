/** Times as MediaPackage reads them: ISO-8601 or epoch seconds, kept in epoch milliseconds. */

export class InvalidTimeError extends Error {
  override readonly name = 'InvalidTimeError';
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field} '${value}' is neither an ISO-8601 date-time nor epoch seconds`);
  }
}

/** `2026-11-25T04:33:05Z`, `2026-11-25T04:33:05.250+01:00`, `1795580955` or `1795580955.25`. */
export function parseTime(field: string, value: string): number {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Date.parse also accepts loose forms ("Nov 25 2026"); insist on an ISO date-time with a zone.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(trimmed)) {
    throw new InvalidTimeError(field, value);
  }
  const normalized = trimmed.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) throw new InvalidTimeError(field, value);
  return ms;
}

/** ISO-8601 UTC with milliseconds, the form of EXT-X-PROGRAM-DATE-TIME. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO-8601 UTC in whole seconds, as MediaPackage's API writes times. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whole seconds when the instant has no milliseconds, else milliseconds. */
export function isoTime(ms: number): string {
  return ms % 1000 === 0 ? isoSeconds(ms) : isoMs(ms);
}
