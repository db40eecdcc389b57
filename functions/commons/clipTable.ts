// The clips table's shape, shared by both homes: infra/ creates it on AWS, the local home on its
// DynamoDB server. The seed's keys: competition (partition), clipId (sort; begins with the start
// time). Client-token records carry `expiresAt` for DynamoDB's time to live.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const CLIP_TABLE_KEYS = { partition: 'competition', sort: 'clipId' } as const;
export const CLIP_TABLE_TTL_ATTRIBUTE = 'expiresAt';

export function clipTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: CLIP_TABLE_KEYS.partition, AttributeType: 'S' },
      { AttributeName: CLIP_TABLE_KEYS.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: CLIP_TABLE_KEYS.partition, KeyType: 'HASH' },
      { AttributeName: CLIP_TABLE_KEYS.sort, KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  };
}
