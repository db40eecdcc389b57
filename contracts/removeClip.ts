// What the deleteClip pipeline sends the removeClip Lambda data source and what it answers.
// Both sides import these types, so the resolver bundle and the handler cannot drift apart.
import type { Clip } from '../generated/schema.ts';

export interface RemoveClipRequest {
  /** The DELETED tombstone as the pipeline wrote it. */
  clip: Pick<Clip, 'competition' | 'clipId'>;
}

export interface RemoveClipResult {
  /**
   * `removed`: the asset and files are gone. `waiting`: the clip's harvest job is still running;
   * its end (event or sweeper) finishes the removal, since files written after a delete would
   * be left behind.
   */
  outcome: 'removed' | 'waiting';
}
