import { describe, expect, it } from 'vitest';
import { mediaPlaylist, planSegments, selectRenditions } from '../../../../local/mediapackage-vod/package/hls.ts';
import type { SourceRendition, SourceSegment } from '../../../../local/mediapackage-vod/source.ts';

const START = Date.parse('2026-05-01T12:00:00.000Z');

function segments(durations: number[], discontinuityAt: number[] = []): SourceSegment[] {
  let at = START;
  return durations.map((duration, index) => {
    const segment: SourceSegment = {
      key: `clip/seg_${index}.ts`,
      file: `/nowhere/seg_${index}.ts`,
      duration,
      programDateTime: new Date(at),
      discontinuity: discontinuityAt.includes(index),
    };
    at += duration * 1000;
    return segment;
  });
}

describe('planSegments: output segments from whole source segments', () => {
  it('groups 2 s segments in threes for a 6 s target, the remainder last', () => {
    const plan = planSegments(segments([2, 2, 2, 2, 2, 2, 2, 2]), 6);
    expect(plan.map((segment) => segment.duration)).toEqual([6, 6, 4]);
    expect(plan.map((segment) => segment.parts.length)).toEqual([3, 3, 2]);
    expect(plan[1]?.programDateTime?.toISOString()).toBe('2026-05-01T12:00:06.000Z');
  });

  it('keeps source segments as they are when the target is at or below their duration', () => {
    expect(planSegments(segments([2, 2, 2]), 1).map((segment) => segment.duration)).toEqual([2, 2, 2]);
    expect(planSegments(segments([2, 2, 2]), 2).map((segment) => segment.duration)).toEqual([2, 2, 2]);
  });

  it('rounds to the nearest whole number of source segments', () => {
    // 5 s from 2 s segments: 4 s is 1 short, 6 s is 1 over; a tie takes the longer run.
    expect(planSegments(segments([2, 2, 2, 2, 2, 2]), 5).map((segment) => segment.duration)).toEqual([6, 6]);
    expect(planSegments(segments([2, 2, 2, 2]), 3).map((segment) => segment.duration)).toEqual([4, 4]);
  });

  it('never groups across a discontinuity', () => {
    const plan = planSegments(segments([2, 2, 2, 2, 2], [2]), 6);
    expect(plan.map((segment) => [segment.duration, segment.discontinuity])).toEqual([
      [4, false],
      [6, true],
    ]);
  });
});

describe('mediaPlaylist', () => {
  it('writes a VOD playlist with program date times every interval', () => {
    const plan = planSegments(segments([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]), 2);
    const text = mediaPlaylist(plan, plan.map((_, index) => `s${index}.ts`), 5);
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
    expect(text).toContain('#EXT-X-TARGETDURATION:2\n');
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD\n');
    expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    // Tags at 0 s, then the first segment 5 s or more later: 6 s, then 12 s... (20 s in all).
    expect([...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(.+)/g)].map((match) => match[1])).toEqual([
      '2026-05-01T12:00:00.000Z',
      '2026-05-01T12:00:06.000Z',
      '2026-05-01T12:00:12.000Z',
      '2026-05-01T12:00:18.000Z',
    ]);
  });

  it('writes no program date time with an interval of 0, and marks discontinuities', () => {
    const plan = planSegments(segments([2, 2, 2], [1]), 2);
    const text = mediaPlaylist(plan, ['a.ts', 'b.ts', 'c.ts'], 0);
    expect(text).not.toContain('PROGRAM-DATE-TIME');
    expect(text).toContain('#EXTINF:2.000,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\nb.ts\n');
  });
});

describe('selectRenditions', () => {
  const renditions = [3_000_000, 800_000, 1_500_000].map((bandwidth): SourceRendition => ({ key: `r${bandwidth}.m3u8`, bandwidth, hasAudio: true, segments: [] }));

  it('filters by bitrate and orders as StreamOrder asks', () => {
    expect(selectRenditions(renditions, { streamOrder: 'ORIGINAL' })).toEqual([0, 1, 2]);
    expect(selectRenditions(renditions, { streamOrder: 'VIDEO_BITRATE_ASCENDING' })).toEqual([1, 2, 0]);
    expect(selectRenditions(renditions, { streamOrder: 'VIDEO_BITRATE_DESCENDING', maxVideoBitsPerSecond: 2_000_000 })).toEqual([2, 1]);
    expect(selectRenditions(renditions, { streamOrder: 'ORIGINAL', minVideoBitsPerSecond: 1_000_000 })).toEqual([0, 2]);
  });
});
