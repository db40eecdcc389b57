import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type DataSourceConfig =
  | { type: 'AMAZON_DYNAMODB'; tableName: string; client: DynamoDBClient }
  | { type: 'AWS_LAMBDA'; handler: (event: unknown) => Promise<unknown> }
  | { type: 'NONE' };

/** What the response handler sees: `ctx.result`, and `ctx.error` when the data source failed. */
export interface DataSourceOutcome {
  result: unknown;
  error?: { message: string; type: string };
}

/** Raised by a data source for a request object AppSync would refuse before calling it. */
export class DataSourceRequestError extends Error {
  override readonly name = 'DataSourceRequestError';
}
