// What every API handler works with, and the helpers they share.
import type { RestHandler } from '../../rest/index.ts';
import type { IngestQueue } from '../ingest.ts';
import type { VodStore } from '../store.ts';
import type { Log, PackagingGroupRecord } from '../types.ts';
import { NotFoundError, UnprocessableEntityError } from './errors.ts';

export interface ApiContext {
  store: VodStore;
  ingest: IngestQueue;
  region: string;
  accountId: string;
  egressBaseUrl: string;
  outputRoot: string;
  /** Assets a packaging group may hold. */
  assetQuota: number;
  log: Log;
}

export type Handler = RestHandler<ApiContext>;

const DEFAULT_PAGE_SIZE = 50;

export function arnOf(context: ApiContext, kind: 'assets' | 'packaging-groups' | 'packaging-configurations', id: string): string {
  return `arn:aws:mediapackage-vod:${context.region}:${context.accountId}:${kind}/${id}`;
}

export function groupOf(context: ApiContext, id: string): PackagingGroupRecord {
  const group = context.store.packagingGroups.get(id);
  if (!group) throw new NotFoundError('PackagingGroup', id);
  return group;
}

export function assetCount(context: ApiContext, groupId: string): number {
  return [...context.store.assets.values()].filter((asset) => asset.packagingGroupId === groupId).length;
}

/** One page of `items`: a `nextToken` is the id of the last item returned, base64url-encoded. */
export function page<T extends { id: string }>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const maxResultsText = query.get('maxResults');
  const maxResults = maxResultsText === null ? DEFAULT_PAGE_SIZE : Number(maxResultsText);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) throw new UnprocessableEntityError('maxResults must be an integer from 1 to 1000');
  let start = 0;
  const token = query.get('nextToken');
  if (token) {
    const after = Buffer.from(token, 'base64url').toString('utf8');
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) throw new UnprocessableEntityError('nextToken is not valid');
    start = index + 1;
  }
  const slice = items.slice(start, start + maxResults);
  const last = slice.at(-1);
  const more = start + maxResults < items.length;
  return more && last ? { items: slice, nextToken: Buffer.from(last.id, 'utf8').toString('base64url') } : { items: slice };
}

