// The timings every fault case derives its bound from. A case states its bound as a sum of these,
// each step the clip may have to wait for, so a failure says which wait overran.

/**
 * The home's sweeper in the fault suites: every 500 ms, re-checking a clip once it has sat 3 s in
 * its status, and failing a clip whose re-check failed 3 times in a row.
 */
export const SWEEP = { intervalMs: 500, recheckAfterSeconds: 3, giveUpAfterFailedRechecks: 3 } as const;

/** From a clip's entering a status to the sweep that re-checks it: the wait, then at most one interval. */
export const SWEEP_FINDS_MS = SWEEP.recheckAfterSeconds * 1000 + SWEEP.intervalMs;

/**
 * A harvest of a range ending now: the origin holds the last segment a segment or two (2 s each)
 * after the end, and the job fails once it waited the origin's ingest grace (20 s) past the end.
 */
export const HARVEST_MS = 20_000;

/**
 * MediaPackage-VOD packaging a few seconds of HLS into HLS and DASH with ffmpeg: a few seconds
 * alone, more on this 2-core machine shared with other suites' encoders.
 */
export const PACKAGING_MS = 20_000;

/** The bound of a clip nobody tells anything: harvest, the sweep that packages it, packaging, the sweep that makes it READY. */
export const SWEPT_TO_FINAL_MS = HARVEST_MS + SWEEP_FINDS_MS + PACKAGING_MS + SWEEP_FINDS_MS;
