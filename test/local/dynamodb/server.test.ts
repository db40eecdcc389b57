import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamoDB, type DynamoDBServer } from '../../../local/dynamodb/index.ts';

const table = {
  TableName: 'things',
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
};

function clientFor(server: DynamoDBServer): DynamoDBClient {
  return new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-test-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('startDynamoDB', () => {
  it('serves the real SDK on an ephemeral loopback port, in memory by default', async () => {
    const logs: string[] = [];
    const server = await startDynamoDB({ log: (line) => logs.push(line) });
    const client = clientFor(server);
    try {
      expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await ensureTable(client, table)).toBe('created');
      expect(await ensureTable(client, table)).toBe('existed');
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['things']);
      expect(logs[0]).toMatch(/^\[dynamodb\] listening on .* \(in memory\)$/);
    } finally {
      client.destroy();
      await server.stop();
    }
  });

  it('keeps tables and items in dataDir across a restart', async () => {
    const first = await startDynamoDB({ dataDir, log: () => {} });
    const writer = clientFor(first);
    await ensureTable(writer, table);
    await writer.send(new PutItemCommand({ TableName: 'things', Item: { id: { S: 'kept' }, n: { N: '7' } } }));
    writer.destroy();
    await first.stop();

    const second = await startDynamoDB({ dataDir, log: () => {} });
    const reader = clientFor(second);
    try {
      expect(await ensureTable(reader, table)).toBe('existed');
      const got = await reader.send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'kept' } } }));
      expect(got.Item).toEqual({ id: { S: 'kept' }, n: { N: '7' } });
    } finally {
      reader.destroy();
      await second.stop();
    }
  });
});

describe('ensureTable', () => {
  it('gives a table kept from an earlier version the indexes a newer definition adds, keeping its items', async () => {
    const server = await startDynamoDB({ log: () => {} });
    const client = clientFor(server);
    const withIndex = {
      ...table,
      AttributeDefinitions: [...table.AttributeDefinitions, { AttributeName: 'changedAt', AttributeType: 'S' as const }],
      GlobalSecondaryIndexes: [
        { IndexName: 'changes', KeySchema: [{ AttributeName: 'changedAt', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const } },
      ],
    };
    try {
      await ensureTable(client, table);
      await client.send(new PutItemCommand({ TableName: 'things', Item: { id: { S: 'kept' }, changedAt: { S: '2026-12-03' } } }));

      expect(await ensureTable(client, withIndex, { log: () => {} })).toBe('existed');
      expect((await client.send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'kept' } } }))).Item?.changedAt).toEqual({ S: '2026-12-03' });

      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'things' }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus])).toEqual([['changes', 'ACTIVE']]);
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
