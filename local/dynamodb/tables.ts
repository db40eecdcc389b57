import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
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

async function status(client: DynamoDBClient, tableName: string | undefined): Promise<string | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table?.TableStatus ?? 'ACTIVE';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Creates the table unless one of that name exists, and returns once it is ACTIVE (a new table
 * is CREATING at first, and refuses items until then, locally as on AWS). An existing table is
 * left as it is: the local home persists data across runs, and a changed definition is the
 * caller's to migrate.
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
  options: { timeoutMs?: number } = {},
): Promise<'created' | 'existed'> {
  let state = await status(client, definition.TableName);
  const outcome = state === undefined ? 'created' : 'existed';
  if (state === undefined) await client.send(new CreateTableCommand(definition));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  let delay = 5;
  while ((state = await status(client, definition.TableName)) !== 'ACTIVE') {
    if (Date.now() - started > timeoutMs) throw new TableNotReadyError(definition.TableName, Date.now() - started);
    await sleep(delay);
    delay = Math.min(delay * 2, 500);
  }
  return outcome;
}
