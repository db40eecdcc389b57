import type { ContentFilter, EventPattern, PatternLeaf } from './types.ts';

export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`invalid event pattern at '${field}': ${reason}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numericMatches(conditions: (string | number)[], value: unknown): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i < conditions.length; i += 2) {
    const operator = conditions[i];
    const bound = conditions[i + 1];
    if (typeof bound !== 'number') return false;
    const ok =
      operator === '=' ? value === bound
      : operator === '<' ? value < bound
      : operator === '<=' ? value <= bound
      : operator === '>' ? value > bound
      : operator === '>=' ? value >= bound
      : false;
    if (!ok) return false;
  }
  return true;
}

function filterMatches(filter: ContentFilter, value: unknown, present: boolean): boolean {
  if ('exists' in filter) return filter.exists === present;
  if (!present) return false;
  if ('prefix' in filter) return typeof value === 'string' && value.startsWith(filter.prefix);
  if ('suffix' in filter) return typeof value === 'string' && value.endsWith(filter.suffix);
  if ('equals-ignore-case' in filter) {
    return typeof value === 'string' && value.toLowerCase() === filter['equals-ignore-case'].toLowerCase();
  }
  if ('numeric' in filter) return numericMatches(filter.numeric, value);
  const excluded = filter['anything-but'];
  if (isPlainObject(excluded)) return !(typeof value === 'string' && value.startsWith(excluded.prefix));
  return Array.isArray(excluded) ? !excluded.includes(value as string | number) : excluded !== value;
}

function leafMatches(leaf: PatternLeaf, value: unknown, present: boolean): boolean {
  if (isPlainObject(leaf)) return filterMatches(leaf, value, present);
  return present && leaf === value;
}

/** Matches one field: an array in the event matches when any of its elements does. */
function fieldMatches(leaves: PatternLeaf[], value: unknown, present: boolean): boolean {
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    return leaves.some((leaf) => leafMatches(leaf, undefined, false));
  }
  return leaves.some((leaf) => values.some((one) => leafMatches(leaf, one, present)));
}

/** Does an event (or a nested part of it) match an EventBridge pattern? */
export function matchesPattern(pattern: EventPattern, event: unknown, at = ''): boolean {
  const subject = isPlainObject(event) ? event : {};
  for (const [field, expected] of Object.entries(pattern)) {
    const present = Object.hasOwn(subject, field) && subject[field] !== undefined;
    const value = subject[field];
    if (Array.isArray(expected)) {
      if (!fieldMatches(expected, value, present)) return false;
    } else if (isPlainObject(expected)) {
      if (!present || !matchesPattern(expected, value, `${at}${field}.`)) return false;
    } else {
      throw new InvalidEventPatternError(`${at}${field}`, 'a leaf must be an array of values or filters');
    }
  }
  return true;
}

/** Rejects a malformed pattern when it is subscribed, as PutRule does, not when an event arrives. */
export function validatePattern(pattern: EventPattern, at = ''): void {
  if (!isPlainObject(pattern)) throw new InvalidEventPatternError(at || '(root)', 'a pattern is an object');
  for (const [field, expected] of Object.entries(pattern)) {
    if (Array.isArray(expected)) {
      if (expected.length === 0) throw new InvalidEventPatternError(`${at}${field}`, 'an empty array matches nothing');
    } else if (isPlainObject(expected)) {
      validatePattern(expected as EventPattern, `${at}${field}.`);
    } else {
      throw new InvalidEventPatternError(`${at}${field}`, 'a leaf must be an array of values or filters');
    }
  }
}
