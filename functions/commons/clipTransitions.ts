// The clip status machine, as data: for each status a handler may move a clip to, the statuses it
// may come from. Every write of a status is conditional on these, so a duplicate or late event
// finds the clip already moved on and changes nothing. DELETED is no handler's target (deleteClip
// and expiry write it) and no target's previous status, so nothing moves a deleted clip again.
import type { ClipStatus } from '../../generated/schema.ts';

export type TargetStatus = Exclude<ClipStatus, 'PENDING' | 'DELETED'>;

export const ALLOWED_PREVIOUS: Readonly<Record<TargetStatus, readonly ClipStatus[]>> = {
  // Only a waiting clip is started; a clip the harvest-done event moved on stays where it is.
  HARVESTING: ['PENDING'],
  // PENDING too: for a range that ended in the past, the harvest-done event can arrive before
  // the createClip pipeline has recorded HARVESTING.
  PACKAGING: ['PENDING', 'HARVESTING'],
  // The asset's playable event can overtake the PACKAGING write of the handler that created it.
  READY: ['PENDING', 'HARVESTING', 'PACKAGING'],
  FAILED: ['PENDING', 'HARVESTING', 'PACKAGING'],
  // Only before an asset exists: a clip its harvest has moved on to PACKAGING can no longer be.
  CANCELLED: ['PENDING', 'HARVESTING'],
};

export const FINAL_STATUSES: readonly ClipStatus[] = ['READY', 'FAILED', 'DELETED', 'CANCELLED'];

export function isFinal(status: ClipStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
