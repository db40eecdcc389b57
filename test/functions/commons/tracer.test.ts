import { afterEach, describe, expect, it } from 'vitest';
import { addSpanSink, traced, type SpanRecord } from '../../../functions/commons/tracer.ts';

const removals: Array<() => void> = [];
afterEach(() => removals.splice(0).forEach((remove) => remove()));

function sink(): SpanRecord[] {
  const spans: SpanRecord[] = [];
  removals.push(addSpanSink((span) => spans.push(span)));
  return spans;
}

describe('traced', () => {
  it('records a span of the work with its trace id, start and end', async () => {
    const spans = sink();
    const result = await traced('vod.createAsset', 'comp_clip', async () => 42);
    expect(result).toBe(42);
    expect(spans).toEqual([{ name: 'vod.createAsset', traceId: 'comp_clip', startMs: expect.any(Number), endMs: expect.any(Number) }]);
    expect(spans[0]!.endMs).toBeGreaterThanOrEqual(spans[0]!.startMs);
  });

  it('records a failed work with its error name and rethrows the error', async () => {
    const spans = sink();
    class PackagingError extends Error {
      override readonly name = 'PackagingError';
    }
    await expect(traced('vod.createAsset', 'comp_clip', () => Promise.reject(new PackagingError('refused')))).rejects.toThrow('refused');
    expect(spans[0]).toMatchObject({ name: 'vod.createAsset', error: 'PackagingError' });
  });

  it('runs the work unobserved when no sink listens, and a failing sink does not fail the work', async () => {
    expect(await traced('clip.publish.READY', 'comp_clip', async () => 'sent')).toBe('sent');
    removals.push(
      addSpanSink(() => {
        throw new Error('sink broken');
      }),
    );
    expect(await traced('clip.publish.READY', 'comp_clip', async () => 'sent')).toBe('sent');
  });
});
