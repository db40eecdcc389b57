// What the page says when the API refuses: the API's own text, turned into what a person can
// act on where the cause is known.
import { ApiError } from './graphql.ts';

export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.offline) return error.message;
  if (error.errorType === 'UnauthorizedException') return 'The API refused your sign-in (it may have expired): sign out and sign in again.';
  if (error.errorType === 'Unauthorized') return 'Only editors can clip: sign in as a member of the editors group.';
  if (/startover window/i.test(error.message)) return `That range is older than the live window the channel keeps. (${error.message})`;
  return error.message;
}
