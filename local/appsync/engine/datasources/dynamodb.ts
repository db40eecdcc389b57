// AppSync's DynamoDB request objects
// (https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html)
// sent as real DynamoDB calls, and the results shaped as AppSync gives them to response handlers.
// TransactWriteItems/TransactGetItems are refused: the local DynamoDB server (dynalite) lacks them.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type Select,
} from '@aws-sdk/client-dynamodb';
import { fromWire, fromWireItem, toWire, toWireMap } from './dynamodb-values.ts';
import { decodeNextToken, encodeNextToken, InvalidNextTokenError } from './next-token.ts';
import { DataSourceRequestError, type DataSourceOutcome } from './types.ts';

type Obj = Record<string, unknown>;

interface ExpressionObject {
  expression?: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, unknown>;
}

/** Merges AppSync's expression objects into one set of DynamoDB expression attributes. */
class Expressions {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  add(part: unknown, where: string): string | undefined {
    if (part === undefined || part === null) return undefined;
    const { expression, expressionNames, expressionValues } = part as ExpressionObject;
    if (typeof expression !== 'string' || expression.trim() === '') {
      throw new DataSourceRequestError(`${where}.expression must be a non-empty string`);
    }
    Object.assign(this.names, expressionNames ?? {});
    for (const [key, value] of Object.entries(expressionValues ?? {})) this.values[key] = toWire(value, `${where}.expressionValues.${key}`);
    return expression;
  }

  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

function failure(error: unknown): DataSourceOutcome {
  const name = (error as { name?: string }).name ?? 'DynamoDbException';
  const message = (error as { message?: string }).message ?? String(error);
  return { result: null, error: { message, type: `DynamoDB:${name}` } };
}

function itemOrNull(item: Record<string, AttributeValue> | undefined): unknown {
  return item ? fromWireItem(item) : null;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Obj).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

export class DynamoDBDataSource {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async invoke(request: unknown): Promise<DataSourceOutcome> {
    const req = (request ?? {}) as Obj;
    try {
      switch (req.operation) {
        case 'GetItem':
          return await this.getItem(req);
        case 'PutItem':
          return await this.putItem(req);
        case 'UpdateItem':
          return await this.updateItem(req);
        case 'DeleteItem':
          return await this.deleteItem(req);
        case 'Query':
        case 'Scan':
          return await this.list(req);
        case 'BatchGetItem':
          return await this.batchGet(req);
        case 'BatchPutItem':
        case 'BatchDeleteItem':
          return await this.batchWrite(req);
        case 'TransactWriteItems':
        case 'TransactGetItems':
          throw new DataSourceRequestError(`${req.operation} is not available locally: the local DynamoDB server (dynalite) does not support transactions`);
        default:
          throw new DataSourceRequestError(`unknown DynamoDB operation ${JSON.stringify(req.operation)}`);
      }
    } catch (error) {
      if (error instanceof DataSourceRequestError) throw error;
      if (error instanceof InvalidNextTokenError) return { result: null, error: { message: error.message, type: 'DynamoDB:ValidationException' } };
      return failure(error);
    }
  }

  private key(req: Obj): Record<string, AttributeValue> {
    if (!req.key) throw new DataSourceRequestError(`${String(req.operation)} needs a key`);
    return toWireMap(req.key, 'key');
  }

  private async getItem(req: Obj): Promise<DataSourceOutcome> {
    const expressions = new Expressions();
    const projection = expressions.add(req.projection, 'projection');
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: this.key(req),
        ConsistentRead: req.consistentRead === true,
        ...(projection ? { ProjectionExpression: projection } : {}),
        ...expressions.attributes(),
      }),
    );
    return { result: itemOrNull(out.Item) };
  }

  private async putItem(req: Obj): Promise<DataSourceOutcome> {
    const key = this.key(req);
    const item = { ...toWireMap(req.attributeValues ?? {}, 'attributeValues'), ...key };
    const expressions = new Expressions();
    const condition = expressions.add(req.condition, 'condition');
    try {
      await this.client.send(
        new PutItemCommand({ TableName: this.tableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}), ...expressions.attributes() }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      // AppSync treats a failed condition as success when the stored item already is what the
      // request would write (ignoring `condition.equalsIgnore`): a retried put stays idempotent.
      const current = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      const ignore = new Set(((req.condition as Obj).equalsIgnore as string[] | undefined) ?? []);
      const strip = (value: Obj | null) => (value ? Object.fromEntries(Object.entries(value).filter(([k]) => !ignore.has(k))) : value);
      const stored = itemOrNull(current.Item) as Obj | null;
      if (stored && sameJson(strip(stored), strip(fromWireItem(item)))) return { result: stored };
      return failure(error);
    }
    return { result: fromWireItem(item) };
  }

  private async updateItem(req: Obj): Promise<DataSourceOutcome> {
    const expressions = new Expressions();
    const update = expressions.add(req.update, 'update');
    const condition = expressions.add(req.condition, 'condition');
    const out = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(req),
        UpdateExpression: update,
        ...(condition ? { ConditionExpression: condition } : {}),
        ...expressions.attributes(),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { result: itemOrNull(out.Attributes) };
  }

  private async deleteItem(req: Obj): Promise<DataSourceOutcome> {
    const expressions = new Expressions();
    const condition = expressions.add(req.condition, 'condition');
    const out = await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: this.key(req),
        ...(condition ? { ConditionExpression: condition } : {}),
        ...expressions.attributes(),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return { result: itemOrNull(out.Attributes) };
  }

  private async list(req: Obj): Promise<DataSourceOutcome> {
    const isQuery = req.operation === 'Query';
    const index = typeof req.index === 'string' ? req.index : undefined;
    const tokenScope = `${String(req.operation)}:${this.tableName}:${index ?? ''}`;
    const expressions = new Expressions();
    const keyCondition = isQuery ? expressions.add(req.query, 'query') : undefined;
    if (isQuery && !keyCondition) throw new DataSourceRequestError('Query needs query.expression');
    const filter = expressions.add(req.filter, 'filter');
    const projection = expressions.add(req.projection, 'projection');
    const common = {
      TableName: this.tableName,
      ...(index ? { IndexName: index } : {}),
      ...(typeof req.limit === 'number' ? { Limit: req.limit } : {}),
      ...(req.consistentRead === true ? { ConsistentRead: true } : {}),
      ...(typeof req.select === 'string' ? { Select: req.select as Select } : {}),
      ...(filter ? { FilterExpression: filter } : {}),
      ...(projection ? { ProjectionExpression: projection } : {}),
      ExclusiveStartKey: decodeNextToken(tokenScope, req.nextToken),
      ...expressions.attributes(),
    };
    const out = isQuery
      ? await this.client.send(
          new QueryCommand({ ...common, KeyConditionExpression: keyCondition, ...(req.scanIndexForward === false ? { ScanIndexForward: false } : {}) }),
        )
      : await this.client.send(
          new ScanCommand({
            ...common,
            ...(typeof req.segment === 'number' ? { Segment: req.segment } : {}),
            ...(typeof req.totalSegments === 'number' ? { TotalSegments: req.totalSegments } : {}),
          }),
        );
    return {
      result: {
        items: (out.Items ?? []).map(fromWireItem),
        nextToken: encodeNextToken(tokenScope, out.LastEvaluatedKey),
        scannedCount: out.ScannedCount ?? 0,
      },
    };
  }

  private async batchGet(req: Obj): Promise<DataSourceOutcome> {
    const tables = (req.tables ?? {}) as Record<string, { keys?: unknown[]; consistentRead?: boolean; projection?: unknown }>;
    const requestItems: Record<string, { Keys: Record<string, AttributeValue>[]; ConsistentRead?: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> = {};
    for (const [table, spec] of Object.entries(tables)) {
      const expressions = new Expressions();
      const projection = expressions.add(spec.projection, `tables.${table}.projection`);
      requestItems[table] = {
        Keys: (spec.keys ?? []).map((key, i) => toWireMap(key, `tables.${table}.keys[${i}]`)),
        ...(spec.consistentRead ? { ConsistentRead: true } : {}),
        ...(projection ? { ProjectionExpression: projection, ExpressionAttributeNames: expressions.names } : {}),
      };
    }
    const out = await this.client.send(new BatchGetItemCommand({ RequestItems: requestItems }));
    const data: Record<string, unknown[]> = {};
    const unprocessedKeys: Record<string, unknown[]> = {};
    for (const [table, spec] of Object.entries(requestItems)) {
      const found = out.Responses?.[table] ?? [];
      const pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
      // AppSync lists results in the order of the requested keys, null where an item is missing.
      data[table] = spec.Keys.map((key) => {
        const match = found.find((item) => Object.entries(key).every(([name, value]) => sameJson(item[name] && fromWire(item[name]), fromWire(value))));
        return match ? fromWireItem(match) : null;
      });
      unprocessedKeys[table] = pending.map(fromWireItem);
    }
    return { result: { data, unprocessedKeys } };
  }

  private async batchWrite(req: Obj): Promise<DataSourceOutcome> {
    const isPut = req.operation === 'BatchPutItem';
    const tables = (req.tables ?? {}) as Record<string, unknown[]>;
    const requestItems: Record<string, ({ PutRequest: { Item: Record<string, AttributeValue> } } | { DeleteRequest: { Key: Record<string, AttributeValue> } })[]> = {};
    for (const [table, entries] of Object.entries(tables)) {
      requestItems[table] = entries.map((entry, i) => {
        const value = toWireMap(entry, `tables.${table}[${i}]`);
        return isPut ? { PutRequest: { Item: value } } : { DeleteRequest: { Key: value } };
      });
    }
    const out = await this.client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
    const data: Record<string, unknown[]> = {};
    const unprocessed: Record<string, unknown[]> = {};
    for (const [table, entries] of Object.entries(requestItems)) {
      data[table] = entries.map((entry) => fromWireItem('PutRequest' in entry ? entry.PutRequest.Item : entry.DeleteRequest.Key));
      unprocessed[table] = (out.UnprocessedItems?.[table] ?? []).map((entry) =>
        fromWireItem((isPut ? entry.PutRequest?.Item : entry.DeleteRequest?.Key) ?? {}),
      );
    }
    return { result: isPut ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed } };
  }
}
