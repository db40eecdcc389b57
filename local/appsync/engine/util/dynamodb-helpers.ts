// The `@aws-appsync/utils/dynamodb` module: request builders over util.dynamodb and the
// expression writer. Update operations write the expressions AppSync's own module writes
// (`#expName_n`, `:expValue_n`), recorded by localstack/appsync-utils against AppSync.
import { toDynamoDB, toMapValues } from './dynamodb.ts';
import { ExpressionBuilder, toExpression, type Expression } from './expressions.ts';

type Obj = Record<string, unknown>;

interface Operation {
  type: string;
  value?: unknown;
  by?: unknown;
  items?: unknown;
  index?: number;
}

export const operations = {
  add: (value: unknown): Operation => ({ type: 'OPERATION_ADD', value }),
  remove: (): Operation => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown): Operation => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by: unknown): Operation => ({ type: 'OPERATION_INCREMENT', by }),
  decrement: (by: unknown): Operation => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown): Operation => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown): Operation => ({ type: 'OPERATION_PREPEND', items }),
  updateListItem: (value: unknown, index: number): Operation => ({ type: 'OPERATION_UPDATE_LIST_ITEM', value, index }),
};

function isOperation(value: unknown): value is Operation {
  return typeof value === 'object' && value !== null && typeof (value as Operation).type === 'string' && (value as Operation).type.startsWith('OPERATION_');
}

function condition(filter: unknown): { condition?: Expression } {
  if (!filter || typeof filter !== 'object' || Object.keys(filter).length === 0) return {};
  return { condition: toExpression(filter as Obj) };
}

function projection(fields: unknown): { projection?: { expression: string; expressionNames: Record<string, string> } } {
  if (!Array.isArray(fields) || fields.length === 0) return {};
  const builder = new ExpressionBuilder();
  const expression = fields.map((field) => builder.name(String(field))).join(',');
  return { projection: { expression, expressionNames: builder.names } };
}

function optional(payload: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const key of keys) if (payload[key] !== undefined && payload[key] !== null) out[key] = payload[key];
  return out;
}

export function get(payload: Obj): Obj {
  return { operation: 'GetItem', key: toMapValues(payload.key as Obj), ...optional(payload, ['consistentRead']), ...projection(payload.projection) };
}

export function put(payload: Obj): Obj {
  return {
    operation: 'PutItem',
    key: toMapValues(payload.key as Obj),
    attributeValues: toMapValues(payload.item as Obj),
    ...condition(payload.condition),
    ...optional(payload, ['_version', 'customPartitionKey', 'populateIndexFields']),
  };
}

export function remove(payload: Obj): Obj {
  return {
    operation: 'DeleteItem',
    key: toMapValues(payload.key as Obj),
    ...condition(payload.condition),
    ...optional(payload, ['_version', 'customPartitionKey', 'populateIndexFields']),
  };
}

export function update(payload: Obj): Obj {
  const set: string[] = [];
  const removes: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  let n = 0;
  for (const [field, change] of Object.entries((payload.update as Obj) ?? {})) {
    n += 1;
    const name = `#expName_${n}`;
    const value = `:expValue_${n}`;
    names[name] = field;
    const op: Operation = isOperation(change) ? change : { type: 'OPERATION_REPLACE', value: change };
    switch (op.type) {
      case 'OPERATION_REMOVE':
        removes.push(name);
        continue;
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        set.push(`${name} = ${value}`);
        values[value] = toDynamoDB(op.value);
        break;
      case 'OPERATION_INCREMENT':
      case 'OPERATION_DECREMENT':
        set.push(`${name} = ${name} ${op.type === 'OPERATION_INCREMENT' ? '+' : '-'} ${value}`);
        values[value] = toDynamoDB(op.by);
        break;
      case 'OPERATION_APPEND':
        set.push(`${name} = list_append(${name}, ${value})`);
        values[value] = toDynamoDB(op.items);
        break;
      case 'OPERATION_PREPEND':
        set.push(`${name} = list_append(${value}, ${name})`);
        values[value] = toDynamoDB(op.items);
        break;
      case 'OPERATION_UPDATE_LIST_ITEM':
        set.push(`${name}[${Number(op.index)}] = ${value}`);
        values[value] = toDynamoDB(op.value);
        break;
      default:
        throw new TypeError(`unknown update operation ${op.type}`);
    }
  }
  const clauses = [set.length ? `SET ${set.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean);
  return {
    operation: 'UpdateItem',
    key: toMapValues(payload.key as Obj),
    update: { expression: clauses.join(' '), expressionNames: names, expressionValues: values },
    ...condition(payload.condition),
    ...optional(payload, ['_version', 'customPartitionKey', 'populateIndexFields']),
  };
}

function keyCondition(query: Obj): Expression {
  const builder = new ExpressionBuilder();
  const parts: string[] = [];
  for (const [field, ops] of Object.entries(query ?? {})) {
    const name = builder.name(field);
    for (const [op, operand] of Object.entries(ops as Obj)) {
      if (op === 'beginsWith') parts.push(`begins_with(${name}, ${builder.value(field, op, operand)})`);
      else if (op === 'between') {
        const [low, high] = operand as unknown[];
        parts.push(`${name} BETWEEN ${builder.value(field, 'between_0', low)} AND ${builder.value(field, 'between_1', high)}`);
      } else {
        const comparator = ({ eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as Record<string, string>)[op];
        if (!comparator) throw new TypeError(`a key condition cannot use ${op}`);
        parts.push(`${name} ${comparator} ${builder.value(field, op, operand)}`);
      }
    }
  }
  return builder.build(parts.join(' AND '));
}

function listing(operation: string, payload: Obj): Obj {
  return {
    operation,
    ...optional(payload, ['index', 'limit', 'nextToken', 'consistentRead', 'select', 'scanIndexForward', 'segment', 'totalSegments']),
    ...(payload.filter && Object.keys(payload.filter).length ? { filter: toExpression(payload.filter as Obj) } : {}),
    ...projection(payload.projection),
  };
}

export function query(payload: Obj): Obj {
  return { ...listing('Query', payload), query: keyCondition(payload.query as Obj) };
}

export function scan(payload: Obj): Obj {
  return listing('Scan', payload);
}

type Tables = Record<string, unknown[]>;

export function batchGet(payload: { tables: Record<string, { keys: Obj[]; consistentRead?: boolean; projection?: string[] }> }): Obj {
  const tables: Obj = {};
  for (const [table, spec] of Object.entries(payload.tables)) {
    tables[table] = { keys: spec.keys.map(toMapValues), ...optional(spec as Obj, ['consistentRead']), ...projection(spec.projection) };
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(payload: { tables: Tables }): Obj {
  const tables: Obj = {};
  for (const [table, items] of Object.entries(payload.tables)) tables[table] = items.map((item) => toMapValues(item as Obj));
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(payload: { tables: Tables }): Obj {
  const tables: Obj = {};
  for (const [table, keys] of Object.entries(payload.tables)) tables[table] = keys.map((key) => toMapValues(key as Obj));
  return { operation: 'BatchDeleteItem', tables };
}

export const toStringSet = (list: string[]) => ({ SS: list });
export const toNumberSet = (list: number[]) => ({ NS: list });
export const toBinarySet = (list: string[]) => ({ BS: list });
