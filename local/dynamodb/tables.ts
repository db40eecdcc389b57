import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  BatchWriteItemCommand,
  DeleteTableCommand,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export class TableNotReadyError extends Error {
  override readonly name = 'TableNotReadyError';
  constructor(
    readonly tableName: string | undefined,
    readonly waitedMs: number,
  ) {
    super(`table ${tableName} is not ACTIVE after ${waitedMs} ms`);
  }
}

interface TableState {
  status: string;
  indexes: string[];
}

async function describe(client: DynamoDBClient, tableName: string | undefined): Promise<TableState | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).flatMap((index) => (index.IndexName ? [index.IndexName] : []));
    const pending = (Table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexStatus && index.IndexStatus !== 'ACTIVE');
    return { status: pending ? 'UPDATING' : (Table?.TableStatus ?? 'ACTIVE'), indexes };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * A table kept from an earlier version that lacks an index the definition has is rebuilt with
 * its items: dynalite cannot add an index to a table (its UpdateTable changes throughput only).
 * The items are held in memory meanwhile, which suits the local home's small tables.
 */
async function rebuildWithIndexes(client: DynamoDBClient, definition: CreateTableCommandInput): Promise<number> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: definition.TableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await client.send(new DeleteTableCommand({ TableName: definition.TableName }));
  while ((await describe(client, definition.TableName)) !== undefined) await sleep(5);
  await client.send(new CreateTableCommand(definition));
  await waitUntilActive(client, definition.TableName, 30_000);
  for (let offset = 0; offset < items.length; offset += BATCH_WRITE_LIMIT) {
    let batch = items.slice(offset, offset + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    while (batch.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [definition.TableName ?? '']: batch } }));
      batch = (UnprocessedItems?.[definition.TableName ?? ''] ?? []).flatMap((request) => (request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : []));
    }
  }
  return items.length;
}

// BatchWriteItem takes at most 25 requests (DynamoDB API reference).
const BATCH_WRITE_LIMIT = 25;

async function waitUntilActive(client: DynamoDBClient, tableName: string | undefined, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let delay = 5;
  while ((await describe(client, tableName))?.status !== 'ACTIVE') {
    if (Date.now() - started > timeoutMs) throw new TableNotReadyError(tableName, Date.now() - started);
    await sleep(delay);
    delay = Math.min(delay * 2, 500);
  }
}

/**
 * Creates the table unless one of that name exists, and returns once it is ACTIVE (a new table
 * is CREATING at first, and refuses items until then, locally as on AWS). An existing table
 * gains the indexes the definition adds (the local home persists data across runs); other
 * changes to a definition are the caller's to migrate.
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
  options: { timeoutMs?: number; log?: (message: string) => void } = {},
): Promise<'created' | 'existed'> {
  const found = await describe(client, definition.TableName);
  if (found === undefined) {
    await client.send(new CreateTableCommand(definition));
  } else {
    const missing = (definition.GlobalSecondaryIndexes ?? []).filter((index) => !found.indexes.includes(index.IndexName ?? ''));
    if (missing.length > 0) {
      const kept = await rebuildWithIndexes(client, definition);
      options.log?.(`[dynamodb] table ${definition.TableName} rebuilt with index ${missing.map((index) => index.IndexName).join(', ')}: ${kept} items kept`);
    }
  }
  await waitUntilActive(client, definition.TableName, options.timeoutMs ?? 30_000);
  return found === undefined ? 'created' : 'existed';
}
