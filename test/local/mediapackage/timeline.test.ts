import { describe, expect, it } from 'vitest';
import { InvalidTimeError, isoTime, parseTime } from '../../../local/mediapackage/timeline.ts';

describe('harvest and time-shift times', () => {
  it.each([
    ['2026-11-25T04:33:05Z', Date.UTC(2026, 10, 25, 4, 33, 5)],
    ['2026-11-25T04:33:05.250Z', Date.UTC(2026, 10, 25, 4, 33, 5, 250)],
    ['2026-11-25T05:33:05+01:00', Date.UTC(2026, 10, 25, 4, 33, 5)],
    ['2026-11-25T04:33:05.000+0000', Date.UTC(2026, 10, 25, 4, 33, 5)],
    ['1795580955', 1795580955000],
    ['1795580955.5', 1795580955500],
  ])('reads %s', (value, expected) => {
    expect(parseTime('StartTime', value)).toBe(expected);
  });

  it.each(['yesterday', '2026-11-25', '2026-11-25T04:33:05', 'Nov 25 2026 04:33:05 GMT', ''])('refuses %j', (value) => {
    expect(() => parseTime('StartTime', value)).toThrow(InvalidTimeError);
  });

  it('writes whole seconds without milliseconds, as the API does', () => {
    expect(isoTime(Date.UTC(2026, 10, 25, 4, 33, 5))).toBe('2026-11-25T04:33:05Z');
    expect(isoTime(Date.UTC(2026, 10, 25, 4, 33, 5, 250))).toBe('2026-11-25T04:33:05.250Z');
  });
});
