// AppSync's typed values (`{ S: 'x' }`, `{ N: 5 }`, binary as base64) to and from the SDK's wire
// AttributeValues, and wire items to the plain JSON a response handler sees (sets as lists,
// binary as base64, numbers as numbers).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError } from './types.ts';

type Typed = Record<string, unknown>;

export function toWire(value: unknown, where: string): AttributeValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataSourceRequestError(`${where} must be a typed DynamoDB value like { "S": "x" }, got ${JSON.stringify(value)}`);
  }
  const entries = Object.entries(value as Typed);
  const [tag, inner] = entries[0] ?? [];
  if (entries.length !== 1 || tag === undefined) {
    throw new DataSourceRequestError(`${where} must have exactly one type key, got ${JSON.stringify(value)}`);
  }
  switch (tag) {
    case 'S':
      return { S: String(inner) };
    case 'N':
      return { N: String(inner) };
    case 'BOOL':
      return { BOOL: Boolean(inner) };
    case 'NULL':
      return { NULL: true };
    case 'B':
      return { B: Buffer.from(String(inner), 'base64') };
    case 'SS':
      return { SS: list(inner, where).map(String) };
    case 'NS':
      return { NS: list(inner, where).map(String) };
    case 'BS':
      return { BS: list(inner, where).map((item) => Buffer.from(String(item), 'base64')) };
    case 'L':
      return { L: list(inner, where).map((item, i) => toWire(item, `${where}[${i}]`)) };
    case 'M':
      return { M: toWireMap(inner, where) };
    default:
      throw new DataSourceRequestError(`${where} has unknown DynamoDB type ${tag}`);
  }
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new DataSourceRequestError(`${where} must hold a list`);
  return value;
}

export function toWireMap(value: unknown, where: string): Record<string, AttributeValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataSourceRequestError(`${where} must be a map of typed DynamoDB values`);
  }
  const out: Record<string, AttributeValue> = {};
  for (const [key, item] of Object.entries(value as Typed)) out[key] = toWire(item, `${where}.${key}`);
  return out;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function fromWire(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return base64(value.B);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(base64);
  if (value.L !== undefined) return value.L.map(fromWire);
  if (value.M !== undefined) return fromWireItem(value.M);
  return null;
}

export function fromWireItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) out[key] = fromWire(value);
  return out;
}

/** Wire values back to AppSync's typed JSON (numbers as strings, binary as base64): for tokens. */
export function toTypedJson(item: Record<string, AttributeValue>): Record<string, Typed> {
  const out: Record<string, Typed> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value.B !== undefined) out[key] = { B: base64(value.B) };
    else if (value.S !== undefined) out[key] = { S: value.S };
    else if (value.N !== undefined) out[key] = { N: value.N };
    else throw new DataSourceRequestError(`key attribute ${key} has a type a key cannot have`);
  }
  return out;
}
