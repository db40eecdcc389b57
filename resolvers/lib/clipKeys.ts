// How clips are keyed in the clips table (the seed's design): partition `competition`, sort key
// `clipId`. A clip id starts with the clip's start time in a fixed-width UTC form, so the sort
// key orders a competition's clips by start time and a time range is a key condition, not a scan.
// Client-token records share the partition under a `token#` prefix, which sorts after every clip id.
import { util } from '@aws-appsync/utils';

const COMPACT_UTC = "yyyyMMdd'T'HHmmssSSS'Z'";
const ISO_UTC = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

/** Lowest and highest possible clip-id prefixes: every clip id sorts between them. */
export const FIRST_CLIP_KEY = '0';
export const LAST_CLIP_KEY = '9~';

export function isoTime(epochMillis: number): string {
  return util.time.epochMilliSecondsToFormatted(epochMillis, ISO_UTC, 'Etc/UTC');
}

/** The clip-id prefix of every clip that starts at this instant. */
export function clipKeyPrefix(epochMillis: number): string {
  return util.time.epochMilliSecondsToFormatted(epochMillis, COMPACT_UTC, 'Etc/UTC');
}

export function newClipId(startMillis: number): string {
  // The ULID's random part (its last 16 characters) keeps clips that start in the same
  // millisecond apart.
  return `${clipKeyPrefix(startMillis)}-${util.autoUlid().substring(10)}`;
}

export function clientTokenKey(clientToken: string): string {
  return `token#${clientToken}`;
}
