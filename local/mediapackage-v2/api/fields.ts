// Members of a request read one by one, each refused with a ValidationException that names it,
// as MediaPackage v2 answers a request its model does not allow.
import { ValidationError } from './errors.ts';

type Body = Record<string, unknown>;

// Resource names: "Length Constraints: Minimum length of 1. Maximum length of 256. Pattern:
// [a-zA-Z0-9_-]+" (V2 Live API reference, every name member).
const RESOURCE_NAME = /^[a-zA-Z0-9_-]{1,256}$/;

export function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectMember(body: Body, field: string, path = field): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new ValidationError('MEMBER_INVALID', `${path} must be an object`);
  return value;
}

export function requiredObject(body: Body, field: string, path = field): Body {
  const value = objectMember(body, field, path);
  if (!value) throw new ValidationError('MEMBER_MISSING', `${path} is required`);
  return value;
}

export function stringMember(body: Body, field: string, path = field): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError('MEMBER_INVALID', `${path} must be a string`);
  return value;
}

export function requiredString(body: Body, field: string, path = field): string {
  const value = stringMember(body, field, path);
  if (value === undefined || value === '') throw new ValidationError('MEMBER_MISSING', `${path} is required`);
  return value;
}

export function resourceName(value: string, path: string): string {
  if (!RESOURCE_NAME.test(value)) {
    throw new ValidationError('MEMBER_DOES_NOT_MATCH_PATTERN', `${path} must be 1 to 256 letters, digits, '-' or '_'`);
  }
  return value;
}

export function integerMember(body: Body, field: string, range: { min: number; max: number }, path = field): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new ValidationError('MEMBER_INVALID', `${path} must be an integer`);
  if (value < range.min) throw new ValidationError('MEMBER_MIN_VALUE', `${path} must be at least ${range.min}`);
  if (value > range.max) throw new ValidationError('MEMBER_MAX_VALUE', `${path} must be at most ${range.max}`);
  return value;
}

/** restJson1 timestamps travel as epoch seconds (the SDK's serializer: `getTime() / 1e3`); read as epoch ms. */
export function requiredTimestampMs(body: Body, field: string, path = field): number {
  const value = body[field];
  if (value === undefined || value === null) throw new ValidationError('MEMBER_MISSING', `${path} is required`);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError('MEMBER_INVALID', `${path} must be a timestamp`);
  return Math.round(value * 1000);
}

export function arrayMember(body: Body, field: string, path = field): unknown[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError('MEMBER_INVALID', `${path} must be a list`);
  return value;
}

export function tagsMember(body: Body, field: string): Record<string, string> {
  const value = objectMember(body, field) ?? {};
  for (const [key, tag] of Object.entries(value)) {
    if (typeof tag !== 'string') throw new ValidationError('MEMBER_INVALID', `${field}.${key} must be a string`);
  }
  return value as Record<string, string>;
}
