// createClip's per-identity rate limit: a counter item per caller and fixed time window in the
// clips table, counted up by a conditional UpdateItem in createClip's pipeline (step 3), so both
// homes run the same rule through the same resolver. It lives under a partition no competition
// id can name ('~' is outside COMPETITION_ID_PATTERN), as the competitions registry does, and has
// no status, updatedAt or in-flight attributes: the clip indexes, the library queries, the
// sweeper and the expiry handler pass it by. DynamoDB's time to live removes it after its window.
//
// AppSync has no per-identity rate limit of its own (its request-token rate is per account and
// Region; WAF rate rules count per IP address): the limit is the API's, configured through its
// environment variables (ctx.env), set by the CDK stack and by the local home.
import { CLIP_TABLE_KEYS } from './clipTable.ts';

export const RATE_PARTITION = '~createClipRate';

/** ctx.env names: clips one caller may create per window (0 turns the limit off), and the window. */
export const CREATE_CLIP_RATE_LIMIT = 'CREATE_CLIP_RATE_LIMIT';
export const CREATE_CLIP_RATE_WINDOW_SECONDS = 'CREATE_CLIP_RATE_WINDOW_SECONDS';

// Three times the harvest-job quota (10 jobs in progress, MediaPackage v1 per account, v2 per
// channel group) per minute: far above an editor marking moments of a match by hand, and low
// enough that one caller cannot keep the harvest queue full for everyone else.
export const DEFAULT_CREATE_CLIP_RATE = { limit: 30, windowSeconds: 60 } as const;

/** The counter item's key: one per caller and window (the window's start, epoch seconds). */
export function rateCounterKey(caller: string, windowStartSeconds: number): Record<string, string> {
  return { [CLIP_TABLE_KEYS.partition]: RATE_PARTITION, [CLIP_TABLE_KEYS.sort]: `${windowStartSeconds}#${caller}` };
}
