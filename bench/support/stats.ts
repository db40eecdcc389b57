// Small statistics over timings: medians of repeated work, percentiles of samples.

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** The median time of `repeats` runs of `work`, after one warm-up run (attempt -1: page cache, JIT, connections). */
export async function medianOf(repeats: number, work: (attempt: number) => Promise<unknown>): Promise<number> {
  await work(-1);
  const times: number[] = [];
  for (let attempt = 0; attempt < repeats; attempt += 1) times.push(await time(() => work(attempt)));
  return percentile(times, 50);
}

/** The nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}
