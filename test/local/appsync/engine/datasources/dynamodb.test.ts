// AppSync's DynamoDB request objects against a real DynamoDB-wire server (dynalite).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDataSource } from '../../../../../local/appsync/engine/datasources/dynamodb.ts';
import { DataSourceRequestError } from '../../../../../local/appsync/engine/datasources/types.ts';
import { ensureTable, startDynamoDB, type DynamoDBServer } from '../../../../../local/dynamodb/index.ts';

let server: DynamoDBServer;
let client: DynamoDBClient;
let dataDir: string;
let table: DynamoDBDataSource;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ddb-datasource-'));
  server = await startDynamoDB({ dataDir, log: () => {} });
  client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, {
    TableName: 'things',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  });
  table = new DynamoDBDataSource(client, 'things');
});
afterAll(async () => {
  client.destroy();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const key = (pk: string, sk: number) => ({ pk: { S: pk }, sk: { N: sk } });

describe('DynamoDB data source', () => {
  it('puts, updates (ALL_NEW), reads and deletes (ALL_OLD) an item, numbers and sets as JSON', async () => {
    const put = await table.invoke({
      operation: 'PutItem',
      key: key('a', 1),
      attributeValues: { tags: { SS: ['x', 'y'] }, count: { N: 1 }, blob: { B: 'aGk=' }, nested: { M: { ok: { BOOL: true }, none: { NULL: null } } } },
    });
    expect(put).toEqual({ result: { pk: 'a', sk: 1, tags: ['x', 'y'], count: 1, blob: 'aGk=', nested: { ok: true, none: null } } });

    const updated = await table.invoke({
      operation: 'UpdateItem',
      key: key('a', 1),
      update: { expression: 'SET #c = #c + :one, title = :t', expressionNames: { '#c': 'count' }, expressionValues: { ':one': { N: 1 }, ':t': { S: 'hi' } } },
    });
    expect(updated.result).toMatchObject({ count: 2, title: 'hi' });

    const got = await table.invoke({ operation: 'GetItem', key: key('a', 1), projection: { expression: '#c, title', expressionNames: { '#c': 'count' } } });
    expect(got).toEqual({ result: { count: 2, title: 'hi' } });

    const deleted = await table.invoke({ operation: 'DeleteItem', key: key('a', 1) });
    expect(deleted.result).toMatchObject({ pk: 'a', title: 'hi' });
    expect(await table.invoke({ operation: 'GetItem', key: key('a', 1) })).toEqual({ result: null });
  });

  it('reports a failed condition as DynamoDB:ConditionalCheckFailedException', async () => {
    await table.invoke({ operation: 'PutItem', key: key('c', 1), attributeValues: { v: { N: 1 } } });
    const outcome = await table.invoke({
      operation: 'UpdateItem',
      key: key('c', 1),
      update: { expression: 'SET v = :two', expressionValues: { ':two': { N: 2 } } },
      condition: { expression: 'v = :zero', expressionValues: { ':zero': { N: 0 } } },
    });
    expect(outcome).toEqual({ result: null, error: { type: 'DynamoDB:ConditionalCheckFailedException', message: expect.stringMatching(/conditional request failed/i) } });
  });

  it('treats a failed put condition as success when the item already is what the put would write', async () => {
    const request = {
      operation: 'PutItem',
      key: key('same', 1),
      attributeValues: { v: { S: 'x' }, at: { S: 'first' } },
      condition: { expression: 'attribute_not_exists(pk)', equalsIgnore: ['at'] },
    };
    expect((await table.invoke(request)).error).toBeUndefined();
    const again = await table.invoke({ ...request, attributeValues: { v: { S: 'x' }, at: { S: 'second' } } });
    expect(again).toEqual({ result: { pk: 'same', sk: 1, v: 'x', at: 'first' } });
    const different = await table.invoke({ ...request, attributeValues: { v: { S: 'y' }, at: { S: 'third' } } });
    expect(different.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  });

  it('queries newest first with a filter and pages with nextToken', async () => {
    for (let sk = 1; sk <= 6; sk += 1) {
      await table.invoke({ operation: 'PutItem', key: key('q', sk), attributeValues: { even: { BOOL: sk % 2 === 0 } } });
    }
    const request = {
      operation: 'Query',
      query: { expression: 'pk = :pk AND sk > :min', expressionValues: { ':pk': { S: 'q' }, ':min': { N: 1 } } },
      filter: { expression: 'even = :t', expressionValues: { ':t': { BOOL: true } } },
      scanIndexForward: false,
      limit: 2,
    };
    const first = await table.invoke(request);
    expect(first.result).toMatchObject({ items: [{ sk: 6 }], scannedCount: 2 });
    const token = (first.result as { nextToken: string }).nextToken;
    expect(typeof token).toBe('string');
    const second = await table.invoke({ ...request, nextToken: token });
    expect((second.result as { items: { sk: number }[] }).items.map((item) => item.sk)).toEqual([4]);
  });

  it('scans', async () => {
    const outcome = await table.invoke({ operation: 'Scan', filter: { expression: 'pk = :pk', expressionValues: { ':pk': { S: 'q' } } } });
    expect((outcome.result as { items: unknown[] }).items).toHaveLength(6);
  });

  it('batch puts, gets in key order with null for missing items, and deletes', async () => {
    const put = await table.invoke({
      operation: 'BatchPutItem',
      tables: { things: [{ ...key('b', 1), v: { S: 'one' } }, { ...key('b', 2), v: { S: 'two' } }] },
    });
    expect(put.result).toEqual({ data: { things: [{ pk: 'b', sk: 1, v: 'one' }, { pk: 'b', sk: 2, v: 'two' }] }, unprocessedItems: { things: [] } });
    const got = await table.invoke({ operation: 'BatchGetItem', tables: { things: { keys: [key('b', 2), key('b', 9), key('b', 1)] } } });
    expect(got.result).toEqual({
      data: { things: [{ pk: 'b', sk: 2, v: 'two' }, null, { pk: 'b', sk: 1, v: 'one' }] },
      unprocessedKeys: { things: [] },
    });
    const deleted = await table.invoke({ operation: 'BatchDeleteItem', tables: { things: [key('b', 1)] } });
    expect(deleted.result).toEqual({ data: { things: [{ pk: 'b', sk: 1 }] }, unprocessedKeys: { things: [] } });
  });

  it('refuses transactions, which the local server lacks, and malformed requests', async () => {
    await expect(table.invoke({ operation: 'TransactWriteItems', transactItems: [] })).rejects.toThrow(DataSourceRequestError);
    await expect(table.invoke({ operation: 'TransactWriteItems', transactItems: [] })).rejects.toThrow(/dynalite/);
    await expect(table.invoke({ operation: 'GetItem', key: { pk: 'a' } })).rejects.toThrow(/key\.pk must be a typed DynamoDB value/);
    await expect(table.invoke({ operation: 'Frobnicate' })).rejects.toThrow(/unknown DynamoDB operation/);
  });

  it('reports a DynamoDB validation error as ctx.error', async () => {
    const outcome = await table.invoke({ operation: 'GetItem', key: { pk: { S: 'a' } } });
    expect(outcome.error?.type).toBe('DynamoDB:ValidationException');
  });
});
