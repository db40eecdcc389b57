// The competitions registry: createClip records each competition it clips, so Query.competitions
// can list them without a scan of the library. A registry item lives in the clips table under a
// partition no competition id can name ('~' is outside COMPETITION_ID_PATTERN), with the
// competition's id as its sort key; it has no status or updatedAt, so the clip indexes, the
// sweeper and the expiry handler pass it by. It carries the newest clip's time to live, so it
// expires with the last clip retention removes.
//
// What the competitions query sends the listCompetitions Lambda data source and what it answers;
// both sides import these types, so the resolver bundle and the handler cannot drift apart.
import type { Competition } from '../generated/schema.ts';
import { CLIP_TABLE_KEYS } from './clipTable.ts';

export const COMPETITIONS_PARTITION = '~competitions';
/** When the competition's newest clip was made (ISO 8601). */
export const LAST_CLIP_AT_ATTRIBUTE = 'lastClipAt';

/** The registry item's key for `competition`. */
export function competitionRegistryKey(competition: string): Record<string, string> {
  return { [CLIP_TABLE_KEYS.partition]: COMPETITIONS_PARTITION, [CLIP_TABLE_KEYS.sort]: competition };
}

export type ListCompetitionsRequest = Record<string, never>;

export interface ListCompetitionsResult {
  competitions: Competition[];
}
