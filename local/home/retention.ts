// Retention in the local home, by the AWS home's rule: DynamoDB's time to live removes clips whose
// `expiresAt` has passed, and the table's stream hands each removal to the expiry handler. The
// local DynamoDB server has neither, so local/dynamodb/timeToLive.ts does both with the same
// record shape, and the same handler runs on its records.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CLIP_TABLE_KEYS, CLIP_TABLE_TTL_ATTRIBUTE } from '../../contracts/clipTable.ts';
import { CLIP_TABLE_STREAM_VIEW } from '../../contracts/tableStream.ts';
import type { Services } from '../../functions/commons/services.ts';
import { createHandler as expireClips } from '../../functions/expireClips/index.ts';
import { startTimeToLive, type TimeToLive } from '../dynamodb/index.ts';
import type { Teardown } from './part.ts';

export interface RetentionOptions {
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
  account: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  services: Services;
  /** How often expired clips are looked for; DynamoDB itself takes up to a few days. */
  intervalMs: number;
  log: (message: string) => void;
}

export function startRetention(options: RetentionOptions, teardown: Teardown): TimeToLive {
  const client = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials });
  const handler = expireClips(options.services);
  const timeToLive = startTimeToLive({
    client,
    tableName: options.tableName,
    attribute: CLIP_TABLE_TTL_ATTRIBUTE,
    keys: [CLIP_TABLE_KEYS.partition, CLIP_TABLE_KEYS.sort],
    streamViewType: CLIP_TABLE_STREAM_VIEW,
    region: options.region,
    account: options.account,
    onRecords: (event) => handler(event),
    intervalMs: options.intervalMs,
    log: options.log,
  });
  teardown.add(async () => {
    await timeToLive.stop();
    client.destroy();
  });
  return timeToLive;
}
