// AppSync's enhanced subscription filters
// (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html):
// a filter is a list of groups; a payload passes when every filter of some group passes.

export interface FilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: { filters: FilterEntry[] }[];
}

export class SubscriptionFilterError extends Error {
  override readonly name = 'SubscriptionFilterError';
}

const OPERATORS = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
  'attributeExists',
]);
// AppSync's documented limits on one subscription's filter.
const MAX_GROUPS = 10;
const MAX_FILTERS_PER_GROUP = 5;

type Group = FilterEntry[];

/** A filter object in the shorthand form as DNF: a list of AND groups, ORed. */
function groupsOf(filter: Record<string, unknown>, ignored: Set<string>): Group[] {
  let groups: Group[] = [[]];
  for (const [key, operand] of Object.entries(filter ?? {})) {
    if (operand === undefined || ignored.has(key)) continue;
    if (key === 'or') {
      const alternatives = (operand as Record<string, unknown>[]).flatMap((item) => groupsOf(item, new Set()));
      groups = groups.flatMap((group) => alternatives.map((alt) => [...group, ...alt]));
    } else if (key === 'and') {
      for (const item of operand as Record<string, unknown>[]) {
        const inner = groupsOf(item, new Set());
        groups = groups.flatMap((group) => inner.map((alt) => [...group, ...alt]));
      }
    } else {
      const entries = Object.entries(operand as Record<string, unknown>).map(([operator, value]) => entry(key, operator, value));
      groups = groups.map((group) => [...group, ...entries]);
    }
  }
  return groups;
}

function entry(fieldName: string, operator: string, value: unknown): FilterEntry {
  if (!OPERATORS.has(operator)) throw new SubscriptionFilterError(`unsupported filter operator ${operator} on ${fieldName}`);
  return { fieldName, operator, value };
}

/** util.transform.toSubscriptionFilter(obj, ignoredFields?, rules?). */
export function toSubscriptionFilter(
  filter: Record<string, unknown>,
  ignoredFields: string[] = [],
  rules?: Record<string, unknown>,
): SubscriptionFilter {
  let groups = groupsOf(filter, new Set(ignoredFields));
  if (rules && Object.keys(rules).length) {
    // At least one rule must hold: each rule becomes an alternative ANDed with every group.
    const alternatives = Object.entries(rules).flatMap(([field, ops]) =>
      Object.entries(ops as Record<string, unknown>).map(([operator, value]) => entry(field, operator, value)),
    );
    groups = groups.flatMap((group) => alternatives.map((rule) => [...group, rule]));
  }
  const filterGroup = groups.filter((group) => group.length > 0).map((filters) => ({ filters }));
  validateFilter({ filterGroup });
  return { filterGroup };
}

export function validateFilter(filter: unknown): SubscriptionFilter {
  const groups = (filter as SubscriptionFilter | null)?.filterGroup;
  if (!Array.isArray(groups)) throw new SubscriptionFilterError('a subscription filter needs a filterGroup list');
  if (groups.length > MAX_GROUPS) throw new SubscriptionFilterError(`a subscription filter has at most ${MAX_GROUPS} groups`);
  for (const group of groups) {
    if (!Array.isArray(group?.filters)) throw new SubscriptionFilterError('each filterGroup entry needs a filters list');
    if (group.filters.length > MAX_FILTERS_PER_GROUP) {
      throw new SubscriptionFilterError(`a filter group has at most ${MAX_FILTERS_PER_GROUP} filters`);
    }
    for (const item of group.filters) {
      if (typeof item?.fieldName !== 'string' || !OPERATORS.has(item.operator)) {
        throw new SubscriptionFilterError(`bad filter entry ${JSON.stringify(item)}`);
      }
    }
  }
  return filter as SubscriptionFilter;
}

function read(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function passes(item: FilterEntry, payload: unknown): boolean {
  const actual = read(payload, item.fieldName);
  const { value } = item;
  const order = compare(actual, value);
  switch (item.operator) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
      return order !== undefined && order < 0;
    case 'le':
      return order !== undefined && order <= 0;
    case 'gt':
      return order !== undefined && order > 0;
    case 'ge':
      return order !== undefined && order >= 0;
    case 'contains':
      return Array.isArray(actual) ? actual.includes(value) : typeof actual === 'string' && actual.includes(String(value));
    case 'notContains':
      return Array.isArray(actual) ? !actual.includes(value) : !(typeof actual === 'string' && actual.includes(String(value)));
    case 'beginsWith':
      return typeof actual === 'string' && actual.startsWith(String(value));
    case 'in':
      return Array.isArray(value) && value.includes(actual);
    case 'notIn':
      return Array.isArray(value) && !value.includes(actual);
    case 'between': {
      const [low, high] = value as unknown[];
      const fromLow = compare(actual, low);
      const toHigh = compare(actual, high);
      return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
    }
    case 'containsAny':
      return Array.isArray(actual) && Array.isArray(value) && value.some((v) => actual.includes(v));
    case 'attributeExists':
      return (actual !== undefined && actual !== null) === Boolean(value);
    default:
      return false;
  }
}

/** True when some group's filters all pass. Several filters set by one resolver must all hold. */
export function matchesFilters(filters: SubscriptionFilter[], payload: unknown): boolean {
  return filters.every((filter) => filter.filterGroup.some((group) => group.filters.every((item) => passes(item, payload))));
}
