// Catching up after a disconnect, as docs/library.md tells app teams: every clipChanges page from
// a cursor until hasMore is false, each clip kept as its newest copy (a change can come twice,
// since the cursor stays a few seconds behind now). For scripts and suites; apps follow the same
// recipe with their own client.
import { ClipChangesDocument, type ClipFieldsFragment } from '../../generated/operations/graphql.ts';
import { graphqlRequest, type GraphqlResponse } from './graphqlRequest.ts';

export interface CaughtUp {
  /** The clips that changed, each as its newest copy (DELETED ones are tombstones), oldest change first. */
  clips: ClipFieldsFragment[];
  /** Pass as `since` next time. */
  cursor: string;
}

/** The API refused a page; `errors` are its GraphQL errors (a cursor past retention names `since`). */
export class ClipChangesError extends Error {
  override readonly name = 'ClipChangesError';
  constructor(readonly errors: NonNullable<GraphqlResponse<unknown>['errors']>) {
    super(`clipChanges refused: ${errors.map((error) => error.message).join('; ')}`);
  }
}

export async function changesSince(
  api: { graphqlUrl: string; apiKey: string },
  competition: string,
  since: string,
  options: { pageSize?: number } = {},
): Promise<CaughtUp> {
  const newest = new Map<string, ClipFieldsFragment>();
  let cursor = since;
  for (;;) {
    const { data, errors } = await graphqlRequest(api.graphqlUrl, api.apiKey, ClipChangesDocument, {
      competition,
      since: cursor,
      limit: options.pageSize ?? null,
    });
    if (errors?.length || !data) throw new ClipChangesError(errors ?? [{ message: 'no data in the answer' }]);
    for (const clip of data.clipChanges.items) {
      const held = newest.get(clip.clipId);
      // Re-inserted so the map's order is the order of each clip's newest change.
      if (!held || held.updatedAt <= clip.updatedAt) {
        newest.delete(clip.clipId);
        newest.set(clip.clipId, clip);
      }
    }
    cursor = data.clipChanges.cursor;
    if (!data.clipChanges.hasMore) return { clips: [...newest.values()], cursor };
  }
}
