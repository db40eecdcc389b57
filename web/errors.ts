// What the page says when the API refuses: the API's own text, turned into what a person can
// act on where the cause is known.
import type { ClipFieldsFragment } from '../generated/operations/graphql.ts';
import { ApiError } from './graphql.ts';

/** What the person asked for, when it is something only editors may do. */
export type EditorAction = 'clip' | 'edit' | 'cancel' | 'delete';

const ONLY_EDITORS: Record<EditorAction, string> = {
  clip: 'Only editors can clip',
  edit: 'Only editors can edit clips',
  cancel: 'Only editors can cancel clips',
  delete: 'Only editors can delete clips',
};

/** `60-minute`, `40-second`: the window as a person says it. */
function windowLength(seconds: number): string {
  return seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60}-minute` : `${seconds}-second`;
}

export function explain(error: unknown, action?: EditorAction): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.offline) return error.message;
  if (error.errorType === 'UnauthorizedException') return 'The API refused your sign-in (it may have expired): sign out and sign in again.';
  // A field the caller's groups may not use (AppSync's errorType for @aws_auth refusals).
  if (error.errorType === 'Unauthorized') return `${ONLY_EDITORS[action ?? 'clip']}: sign in as a member of the editors group.`;
  if (error.errorType === 'NotFound' && action) return 'That clip no longer exists: someone deleted it.';
  const window = /startover window: at most (\d+) seconds/i.exec(error.message);
  if (window) return `That range is older than the ${windowLength(Number(window[1]))} window the channel keeps: clip a later or shorter range.`;
  return error.message;
}

/** The clip as it is now, when an update was refused because it changed since it was read. */
export function conflictOf(error: unknown): ClipFieldsFragment | undefined {
  if (!(error instanceof ApiError) || error.errorType !== 'ConflictError') return undefined;
  const current = error.graphqlError?.data as ClipFieldsFragment | null | undefined;
  return current?.clipId ? current : undefined;
}
