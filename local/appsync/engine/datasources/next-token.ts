// AppSync hands clients an opaque, encrypted pagination token. Locally a signed base64 JSON of
// DynamoDB's LastEvaluatedKey is enough: opaque to clients, and a token that was altered or
// issued for another table or index is refused instead of silently paging elsewhere.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toTypedJson, toWireMap } from './dynamodb-values.ts';

const SIGNING_KEY = 'appsync-local-next-token';

export class InvalidNextTokenError extends Error {
  override readonly name = 'InvalidNextTokenError';
}

function sign(body: string): string {
  return createHmac('sha256', SIGNING_KEY).update(body).digest('base64url').slice(0, 22);
}

export function encodeNextToken(scope: string, key: Record<string, AttributeValue> | undefined): string | null {
  if (!key) return null;
  const body = Buffer.from(JSON.stringify({ s: scope, k: toTypedJson(key) })).toString('base64url');
  return `${body}.${sign(body)}`;
}

export function decodeNextToken(scope: string, token: unknown): Record<string, AttributeValue> | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw new InvalidNextTokenError('nextToken must be a string');
  const [body = '', signature = ''] = token.split('.');
  const expected = sign(body);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    throw new InvalidNextTokenError('Invalid nextToken: it was altered or not issued by this API');
  }
  const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { s: string; k: unknown };
  if (decoded.s !== scope) throw new InvalidNextTokenError('Invalid nextToken: it was issued for another table or index');
  return toWireMap(decoded.k, 'nextToken');
}
