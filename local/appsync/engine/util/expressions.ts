// DynamoDB filter and condition objects (`{ field: { eq: 1 }, or: [...] }`) as expressions, the
// way util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression and the
// @aws-appsync/utils/dynamodb helpers write them: `#field` names and `:field_op` values.
import { toDynamoDB, type TypedValue } from './dynamodb.ts';

export interface Expression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, TypedValue>;
}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, TypedValue> = {};

  name(field: string): string {
    const key = `#${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
    this.names[key] = field;
    return key;
  }

  value(field: string, op: string, value: unknown): string {
    const base = `:${field.replace(/[^A-Za-z0-9_]/g, '_')}_${op}`;
    let key = base;
    for (let n = 1; key in this.values; n += 1) key = `${base}_${n}`;
    this.values[key] = toDynamoDB(value);
    return key;
  }

  /** One field's operators, ANDed. */
  field(field: string, ops: Record<string, unknown>): string[] {
    const name = this.name(field);
    const parts: string[] = [];
    for (const [op, operand] of Object.entries(ops ?? {})) {
      if (operand === undefined) continue;
      const comparator = COMPARATORS[op];
      if (comparator) parts.push(`(${name} ${comparator} ${this.value(field, op, operand)})`);
      else if (op === 'contains' || op === 'notContains' || op === 'beginsWith') {
        const fn = op === 'beginsWith' ? 'begins_with' : 'contains';
        const call = `${fn}(${name},${this.value(field, op, operand)})`;
        parts.push(op === 'notContains' ? `(NOT ${call})` : `(${call})`);
      } else if (op === 'between') {
        const [low, high] = operand as unknown[];
        parts.push(`(${name} BETWEEN ${this.value(field, 'between_0', low)} AND ${this.value(field, 'between_1', high)})`);
      } else if (op === 'in') {
        const keys = (operand as unknown[]).map((item, i) => this.value(field, `in_${i}`, item));
        parts.push(`(${name} IN (${keys.join(',')}))`);
      } else if (op === 'attributeExists') {
        parts.push(`(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${name}))`);
      } else if (op === 'attributeType') {
        parts.push(`(attribute_type(${name},${this.value(field, op, TYPES[String(operand)] ?? operand)}))`);
      } else if (op === 'size') {
        // `size: { gt: 3 }` compares the attribute's size.
        for (const [sizeOp, sizeOperand] of Object.entries(operand as Record<string, unknown>)) {
          const sizeComparator = COMPARATORS[sizeOp];
          if (!sizeComparator) throw new TypeError(`size does not support ${sizeOp}`);
          parts.push(`(size(${name}) ${sizeComparator} ${this.value(field, `size_${sizeOp}`, sizeOperand)})`);
        }
      } else {
        throw new TypeError(`unsupported operator ${op} on ${field}`);
      }
    }
    return parts;
  }

  /** A whole filter object: fields and groups ANDed; `or`/`and` arrays; `not`. */
  object(filter: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const [key, operand] of Object.entries(filter ?? {})) {
      if (operand === undefined || operand === null) continue;
      if (key === 'and' || key === 'or') {
        const items = (Array.isArray(operand) ? operand : [operand]) as Record<string, unknown>[];
        const inner = items.map((item) => this.object(item)).filter((text) => text !== '');
        if (inner.length) parts.push(inner.length === 1 ? (inner[0] ?? '') : `(${inner.join(key === 'and' ? ' AND ' : ' OR ')})`);
      } else if (key === 'not') {
        const inner = this.object(operand as Record<string, unknown>);
        if (inner) parts.push(`(NOT ${inner})`);
      } else {
        parts.push(...this.field(key, operand as Record<string, unknown>));
      }
    }
    return parts.join(' AND ');
  }

  build(expression: string): Expression {
    return { expression, expressionNames: { ...this.names }, expressionValues: { ...this.values } };
  }
}

export function toExpression(filter: Record<string, unknown>): Expression {
  const builder = new ExpressionBuilder();
  return builder.build(builder.object(filter));
}
