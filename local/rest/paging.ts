// `maxResults` and `nextToken` as AWS list operations take them in the query string; the token
// is an opaque offset into a stably ordered list.
import type { AwsApiError } from './errors.ts';

export interface PageRules {
  defaultSize: number;
  maxSize: number;
  /** The service's own error for a bad `maxResults` or `nextToken`. */
  refuse: (message: string, field: 'maxResults' | 'nextToken') => AwsApiError;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function pageOf<T>(items: readonly T[], query: URLSearchParams, rules: PageRules): Page<T> {
  const rawMax = query.get('maxResults');
  const max = rawMax === null ? rules.defaultSize : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > rules.maxSize) {
    throw rules.refuse(`maxResults must be between 1 and ${rules.maxSize}`, 'maxResults');
  }
  const token = query.get('nextToken');
  let offset = 0;
  if (token) {
    offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(offset) || offset < 0) throw rules.refuse('Invalid nextToken', 'nextToken');
  }
  const slice = items.slice(offset, offset + max);
  const next = offset + max;
  return next < items.length ? { items: slice, nextToken: Buffer.from(`offset:${next}`).toString('base64url') } : { items: slice };
}
