import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * Creates the table unless one of that name exists. An existing table is left as it is: the
 * local home persists data across runs, and a changed definition is the caller's to migrate.
 */
export async function ensureTable(client: DynamoDBClient, definition: CreateTableCommandInput): Promise<'created' | 'existed'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(definition));
  return 'created';
}
