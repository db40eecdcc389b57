// Small statistics over timings, read the same way by every benchmark: medians of repeated work,
// percentiles of samples, rounding for report lines.

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

/** Rounded for a report line: two decimals below 10, one below 100, none above. */
export function round(value: number): number {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
