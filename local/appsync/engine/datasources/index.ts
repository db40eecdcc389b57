import { DynamoDBDataSource } from './dynamodb.ts';
import { invokeLambda } from './lambda.ts';
import { invokeNone } from './none.ts';
import type { DataSourceConfig, DataSourceOutcome } from './types.ts';

export type { DataSourceConfig, DataSourceOutcome } from './types.ts';
export { DataSourceRequestError } from './types.ts';

/** One configured data source, ready to take a resolver's request object. */
export interface DataSource {
  readonly name: string;
  readonly type: DataSourceConfig['type'];
  invoke(request: unknown, directEvent: () => unknown): Promise<DataSourceOutcome>;
}

export function createDataSource(name: string, config: DataSourceConfig): DataSource {
  switch (config.type) {
    case 'AMAZON_DYNAMODB': {
      const table = new DynamoDBDataSource(config.client, config.tableName);
      return { name, type: config.type, invoke: (request) => table.invoke(request) };
    }
    case 'AWS_LAMBDA':
      return { name, type: config.type, invoke: (request, directEvent) => invokeLambda(config.handler, request, directEvent) };
    case 'NONE':
      return { name, type: config.type, invoke: async (request) => invokeNone(request) };
  }
}
