import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../local/mediapackage-vod/concurrently.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('answers in the items\' order whatever order the work ends in, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently(
      [30, 10, 20, 5, 15],
      async (ms, index) => {
        running += 1;
        most = Math.max(most, running);
        await tick(ms);
        running -= 1;
        return index;
      },
      2,
    );
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('starts nothing after a failure and rejects once the work in flight has settled', async () => {
    const started: number[] = [];
    let inFlight = 0;
    const run = mapConcurrently(
      [0, 1, 2, 3, 4, 5],
      async (item) => {
        started.push(item);
        inFlight += 1;
        await tick(item === 1 ? 1 : 20);
        inFlight -= 1;
        if (item === 1) throw new Error('segment 1 not found');
        return item;
      },
      2,
    );
    await expect(run).rejects.toThrow('segment 1 not found');
    expect(inFlight).toBe(0);
    expect(started).toEqual([0, 1]);
  });
});
