// Runs file work side by side, a few at a time: ingest touches every segment of a clip, and one
// after the other each waits out a whole round trip through libuv's thread pool.

/** Enough to keep the thread pool (4 threads by default) busy without flooding its queue. */
const FILE_WORK_LIMIT = 8;

/**
 * `work` over every item, at most `limit` at once; the results in the items' order. After a
 * failure no further item starts, and it rejects (with the failure of the earliest item) only
 * once the work in flight has settled: a caller that cleans up after it finds nothing still writing.
 */
export async function mapConcurrently<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, limit = FILE_WORK_LIMIT): Promise<R[]> {
  const results = new Array<R>(items.length);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && failures.length === 0) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  const [first] = failures.sort((a, b) => a.index - b.index);
  if (first) throw first.error;
  return results;
}
