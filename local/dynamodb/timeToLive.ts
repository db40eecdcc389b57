// DynamoDB's time to live and the table stream it feeds, for the local home: dynalite has
// neither. Behaviour follows the DynamoDB developer guide, "Time to Live (TTL)": an item expires
// when its TTL attribute is a Number of epoch seconds below the current time; items whose
// attribute is missing, of another type, or more than five years in the past are ignored; each
// deletion appears on the stream as a REMOVE by the DynamoDB service. Deliveries follow Lambda's
// DynamoDB event source mapping: ordered batches, at least once.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TIME_TO_LIVE_IDENTITY, type TableStreamEvent, type TableStreamRecord } from '../../contracts/tableStream.ts';

type Item = Record<string, AttributeValue>;

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 60 * 60;

export interface TimeToLiveOptions {
  /** A client pointed at the local server. */
  client: DynamoDBClient;
  tableName: string;
  /** The TTL attribute, holding epoch seconds. */
  attribute: string;
  /** The table's key attribute names, which make a record's `Keys`. */
  keys: readonly string[];
  streamViewType: TableStreamRecord['dynamodb']['StreamViewType'];
  region: string;
  account: string;
  /** Receives a pass's records in order. A throw is retried (see `retry`), then the batch is dropped. */
  onRecords(event: TableStreamEvent): Promise<void>;
  /** @default 100 (Lambda's default batch size for DynamoDB streams) */
  batchSize?: number;
  /** Retries after a failed delivery, waiting `baseMs`, then 4× longer each time. @default { attempts: 3, baseMs: 100 } */
  retry?: { attempts: number; baseMs: number };
  /** @default 60_000 */
  intervalMs?: number;
  /** @default () => new Date() */
  now?: () => Date;
  /** @default console.log */
  log?: (message: string) => void;
}

export interface TimeToLive {
  /** Runs one pass once any running pass has ended; answers how many items it removed. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>;
}

export function startTimeToLive(options: TimeToLiveOptions): TimeToLive {
  const { client, tableName, attribute, keys, streamViewType } = options;
  const batchSize = options.batchSize ?? 100;
  const retry = options.retry ?? { attempts: 3, baseMs: 100 };
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.log(message));
  // Any label names the stream; the table's creation time is what AWS uses, and a local table has none to offer.
  const eventSourceARN = `arn:aws:dynamodb:${options.region}:${options.account}:table/${tableName}/stream/local`;
  const withOldImage = streamViewType === 'OLD_IMAGE' || streamViewType === 'NEW_AND_OLD_IMAGES';
  // 21 digits that keep increasing across restarts, as a stream's sequence numbers do.
  let sequence = BigInt(Date.now()) * 100_000_000n;

  function recordOf(oldImage: Item, seconds: number): TableStreamRecord {
    const Keys = Object.fromEntries(keys.map((key) => [key, oldImage[key] as AttributeValue]));
    const images = withOldImage ? { OldImage: oldImage } : {};
    sequence += 1n;
    return {
      eventID: randomUUID().replaceAll('-', ''),
      eventName: 'REMOVE',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: options.region,
      eventSourceARN,
      userIdentity: TIME_TO_LIVE_IDENTITY,
      dynamodb: {
        ApproximateCreationDateTime: seconds,
        Keys,
        ...images,
        SequenceNumber: String(sequence),
        // An estimate: DynamoDB's own item-size rules are not worth mirroring for a local stream.
        SizeBytes: Buffer.byteLength(JSON.stringify({ Keys, ...images })),
        StreamViewType: streamViewType,
      },
    };
  }

  /** The deleted item, or undefined when it changed since the scan (its expiry may have been pushed back). */
  async function deleteIfUnchanged(item: Item): Promise<Item | undefined> {
    try {
      const { Attributes } = await client.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: Object.fromEntries(keys.map((key) => [key, item[key] as AttributeValue])),
          ConditionExpression: '#ttl = :scanned',
          ExpressionAttributeNames: { '#ttl': attribute },
          ExpressionAttributeValues: { ':scanned': item[attribute] as AttributeValue },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async function deliver(records: TableStreamRecord[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await options.onRecords({ Records: records });
        return;
      } catch (error) {
        const failure = error instanceof Error ? error.message : String(error);
        if (attempt >= retry.attempts) {
          // As a mapping whose retries ran out with no on-failure destination: the items are
          // already deleted, so the records are lost and the stream moves on.
          log(`[dynamodb] time to live on ${tableName}: dropped ${records.length} records after ${attempt + 1} deliveries failed (${failure})`);
          return;
        }
        log(`[dynamodb] time to live on ${tableName}: delivery failed (${failure}), retrying`);
        await sleep(retry.baseMs * 4 ** attempt);
      }
    }
  }

  async function pass(): Promise<number> {
    const seconds = Math.floor(now().getTime() / 1000);
    // Comparisons with a Number are false for any other type, so the filter alone ignores those.
    const names = Object.fromEntries([attribute, ...keys].map((name, index) => [`#a${index}`, name]));
    const pending: TableStreamRecord[] = [];
    let removed = 0;
    let startKey: Item | undefined;
    try {
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            ProjectionExpression: Object.keys(names).join(', '),
            FilterExpression: '#a0 < :now AND #a0 >= :oldest',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':now': { N: String(seconds) }, ':oldest': { N: String(seconds - FIVE_YEARS_SECONDS) } },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const deleted = await deleteIfUnchanged(item);
          if (deleted === undefined) continue;
          removed += 1;
          pending.push(recordOf(deleted, seconds));
          if (pending.length === batchSize) await deliver(pending.splice(0));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    } finally {
      // Items deleted before a failure still reach the stream.
      if (pending.length > 0) await deliver(pending);
    }
    return removed;
  }

  // Passes never overlap: the timer skips a tick while one runs, and callers wait for it.
  let running: Promise<number> | undefined;
  function begin(): Promise<number> {
    running = pass().finally(() => (running = undefined));
    return running;
  }
  async function idle(): Promise<void> {
    // A loop, not one await: another caller may have begun a pass while this one waited.
    while (running !== undefined) await running.catch(() => undefined);
  }

  const timer = setInterval(() => {
    if (running !== undefined) return;
    begin().catch((error: unknown) => log(`[dynamodb] time to live pass on ${tableName} failed: ${error instanceof Error ? error.message : String(error)}`));
  }, options.intervalMs ?? 60_000);
  timer.unref();

  return {
    async sweep() {
      await idle();
      return begin();
    },
    async stop() {
      clearInterval(timer);
      await idle();
    },
  };
}
