// What Mutation.cancelClip sends the cancelClip Lambda data source and what it answers. Both
// sides import these types, so the resolver bundle and the handler cannot drift apart.
import type { Clip } from '../generated/schema.ts';

export interface CancelClipRequest {
  competition: string;
  clipId: string;
}

export type CancelClipResult =
  /** The clip is CANCELLED (now, or before: a repeated cancel). */
  | { outcome: 'cancelled'; clip: Clip }
  /** Its harvest ended first (or it was never cancellable): the clip as it is, and why. */
  | { outcome: 'too-late'; clip: Clip; reason: string }
  | { outcome: 'not-found' };
