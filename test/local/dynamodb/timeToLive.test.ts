import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureTable, startDynamoDB, type DynamoDBServer } from '../../../local/dynamodb/index.ts';
import { startTimeToLive, type TimeToLive, type TimeToLiveOptions } from '../../../local/dynamodb/timeToLive.ts';
import { TIME_TO_LIVE_IDENTITY, isTimeToLiveRemoval, type TableStreamEvent } from '../../../contracts/tableStream.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

function clientFor(server: DynamoDBServer): DynamoDBClient {
  return new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

let server: DynamoDBServer;
let client: DynamoDBClient;
let tableName: string;
let tableCount = 0;
const started: TimeToLive[] = [];

beforeAll(async () => {
  server = await startDynamoDB({ log: () => {} });
  client = clientFor(server);
});
afterAll(async () => {
  client.destroy();
  await server.stop();
});
beforeEach(async () => {
  tableCount += 1;
  tableName = `clips${tableCount}`;
  // Returns once the table is ACTIVE: a CREATING table refuses items (seen in CI as ResourceNotFoundException).
  await ensureTable(client, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'competition', AttributeType: 'S' },
      { AttributeName: 'clipId', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'competition', KeyType: 'HASH' },
      { AttributeName: 'clipId', KeyType: 'RANGE' },
    ],
  });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((timeToLive) => timeToLive.stop()));
});

function keyOf(clipId: string): Record<string, AttributeValue> {
  return { competition: { S: 'cup' }, clipId: { S: clipId } };
}

async function put(clipId: string, expiresAt?: AttributeValue): Promise<void> {
  const item = { ...keyOf(clipId), status: { S: 'READY' }, ...(expiresAt ? { expiresAt } : {}) };
  await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

async function remaining(): Promise<string[]> {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName }));
  return Items.map((item) => item.clipId?.S ?? '').sort();
}

/** Starts a time to live whose timer never fires within a test, so passes run only on `sweep()`. */
function start(overrides: Partial<TimeToLiveOptions> = {}): { timeToLive: TimeToLive; events: TableStreamEvent[]; logs: string[] } {
  const events: TableStreamEvent[] = [];
  const logs: string[] = [];
  const timeToLive = startTimeToLive({
    client,
    tableName,
    attribute: 'expiresAt',
    keys: ['competition', 'clipId'],
    streamViewType: 'OLD_IMAGE',
    region: 'us-east-1',
    account: '123456789012',
    onRecords: async (event) => {
      events.push(event);
    },
    intervalMs: 3_600_000,
    now: () => NOW,
    log: (line) => logs.push(line),
    ...overrides,
  });
  started.push(timeToLive);
  return { timeToLive, events, logs };
}

describe('startTimeToLive', () => {
  it('removes an expired item and delivers it as a REMOVE record by the time to live service', async () => {
    await put('old', { N: String(NOW_SECONDS - 60) });
    const { timeToLive, events } = start();

    expect(await timeToLive.sweep()).toBe(1);

    expect(await remaining()).toEqual([]);
    expect(events).toHaveLength(1);
    const [record] = events[0]?.Records ?? [];
    expect(record).toEqual({
      eventID: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventName: 'REMOVE',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${tableName}/stream/local`,
      userIdentity: TIME_TO_LIVE_IDENTITY,
      dynamodb: {
        ApproximateCreationDateTime: NOW_SECONDS,
        Keys: keyOf('old'),
        OldImage: { ...keyOf('old'), status: { S: 'READY' }, expiresAt: { N: String(NOW_SECONDS - 60) } },
        SequenceNumber: expect.stringMatching(/^\d{21,}$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'OLD_IMAGE',
      },
    });
    expect(record && isTimeToLiveRemoval(record)).toBe(true);
  });

  it('keeps items that are unexpired, expire this very second, lack the attribute, hold a non-number or expired over five years ago', async () => {
    await put('future', { N: String(NOW_SECONDS + 60) });
    await put('now', { N: String(NOW_SECONDS) });
    await put('missing');
    await put('string', { S: String(NOW_SECONDS - 60) });
    await put('ancient', { N: String(NOW_SECONDS - 5 * YEAR_SECONDS - 60) });
    await put('expired', { N: String(NOW_SECONDS - 4 * YEAR_SECONDS) });
    const { timeToLive, events } = start();

    expect(await timeToLive.sweep()).toBe(1);

    expect(await remaining()).toEqual(['ancient', 'future', 'missing', 'now', 'string']);
    expect(events.flatMap((event) => event.Records.map((record) => record.dynamodb.Keys.clipId?.S))).toEqual(['expired']);
  });

  it.each([
    { streamViewType: 'OLD_IMAGE' as const, oldImage: true },
    { streamViewType: 'NEW_AND_OLD_IMAGES' as const, oldImage: true },
    { streamViewType: 'KEYS_ONLY' as const, oldImage: false },
    { streamViewType: 'NEW_IMAGE' as const, oldImage: false },
  ])('gives a $streamViewType record the keys, and the old image only when the view has one', async ({ streamViewType, oldImage }) => {
    await put('old', { N: String(NOW_SECONDS - 60) });
    const { timeToLive, events } = start({ streamViewType });

    await timeToLive.sweep();

    const record = events[0]?.Records[0];
    expect(record?.dynamodb.StreamViewType).toBe(streamViewType);
    expect(record?.dynamodb.Keys).toEqual(keyOf('old'));
    expect(record?.dynamodb.NewImage).toBeUndefined();
    expect(record?.dynamodb.OldImage !== undefined).toBe(oldImage);
  });

  it('keeps an item whose expiry was pushed back between the scan and the delete', async () => {
    await put('extended', { N: String(NOW_SECONDS - 60) });
    await put('old', { N: String(NOW_SECONDS - 60) });
    const interleaved = clientFor(server);
    const writer = clientFor(server);
    interleaved.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'ScanCommand') {
          await writer.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: keyOf('extended'),
              UpdateExpression: 'SET expiresAt = :later',
              ExpressionAttributeValues: { ':later': { N: String(NOW_SECONDS + 3600) } },
            }),
          );
        }
        return result;
      },
      { step: 'initialize', name: 'extendAfterScan' },
    );
    try {
      const { timeToLive, events } = start({ client: interleaved });

      expect(await timeToLive.sweep()).toBe(1);

      expect(await remaining()).toEqual(['extended']);
      const kept = await client.send(new GetItemCommand({ TableName: tableName, Key: keyOf('extended') }));
      expect(kept.Item?.expiresAt).toEqual({ N: String(NOW_SECONDS + 3600) });
      expect(events.flatMap((event) => event.Records.map((record) => record.dynamodb.Keys.clipId?.S))).toEqual(['old']);
    } finally {
      interleaved.destroy();
      writer.destroy();
    }
  });

  it('delivers a pass in ordered batches of at most batchSize records', async () => {
    for (const clipId of ['a', 'b', 'c', 'd', 'e']) await put(clipId, { N: String(NOW_SECONDS - 60) });
    const { timeToLive, events } = start({ batchSize: 2 });

    expect(await timeToLive.sweep()).toBe(5);

    expect(events.map((event) => event.Records.length)).toEqual([2, 2, 1]);
    const sequence = events.flatMap((event) => event.Records.map((record) => BigInt(record.dynamodb.SequenceNumber)));
    expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(sequence).size).toBe(5);
  });

  it('retries a batch whose delivery threw, offering the same records again', async () => {
    await put('old', { N: String(NOW_SECONDS - 60) });
    const offered: TableStreamEvent[] = [];
    const { timeToLive, logs } = start({
      retry: { attempts: 3, baseMs: 1 },
      onRecords: async (event) => {
        offered.push(event);
        if (offered.length === 1) throw new Error('handler crashed');
      },
    });

    expect(await timeToLive.sweep()).toBe(1);

    expect(offered).toHaveLength(2);
    expect(offered[1]).toEqual(offered[0]);
    expect(logs).toEqual([expect.stringMatching(/delivery failed \(handler crashed\), retrying/)]);
  });

  it('drops a batch once its retries run out, and later passes still deliver', async () => {
    await put('lost', { N: String(NOW_SECONDS - 60) });
    let failing = true;
    const delivered: string[] = [];
    let calls = 0;
    const { timeToLive, logs } = start({
      retry: { attempts: 2, baseMs: 1 },
      onRecords: async (event) => {
        calls += 1;
        if (failing) throw new Error('handler crashed');
        delivered.push(...event.Records.map((record) => record.dynamodb.Keys.clipId?.S ?? ''));
      },
    });

    expect(await timeToLive.sweep()).toBe(1);
    expect(calls).toBe(3);
    expect(logs.at(-1)).toMatch(/dropped 1 records after 3 deliveries failed \(handler crashed\)/);
    expect(await remaining()).toEqual([]);

    failing = false;
    await put('next', { N: String(NOW_SECONDS - 60) });
    expect(await timeToLive.sweep()).toBe(1);
    expect(delivered).toEqual(['next']);
  });

  it('runs a sweep called during a pass after that pass, never beside it', async () => {
    await put('old', { N: String(NOW_SECONDS - 60) });
    let active = 0;
    let overlapped = false;
    const { timeToLive } = start({
      onRecords: async () => {
        active += 1;
        overlapped ||= active > 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        active -= 1;
      },
    });

    const first = timeToLive.sweep();
    await put('later', { N: String(NOW_SECONDS - 60) });
    const counts = await Promise.all([first, timeToLive.sweep(), timeToLive.sweep()]);

    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(overlapped).toBe(false);
  });

  it('stop() waits for the running pass', async () => {
    await put('old', { N: String(NOW_SECONDS - 60) });
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const delivering = new Promise<void>((resolve) => (entered = resolve));
    let finished = false;
    const { timeToLive } = start({
      onRecords: async () => {
        entered();
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
    });

    const sweep = timeToLive.sweep();
    await delivering;
    let stopped = false;
    const stop = timeToLive.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);

    release();
    await stop;
    expect(finished).toBe(true);
    expect(await sweep).toBe(1);
  });

  it('follows the scan across pages', async () => {
    for (const clipId of ['a', 'b', 'c', 'd', 'e']) await put(clipId, { N: String(NOW_SECONDS - 60) });
    const paged = clientFor(server);
    let scans = 0;
    paged.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ScanCommand') {
          scans += 1;
          (args.input as { Limit?: number }).Limit = 2;
        }
        return next(args);
      },
      { step: 'initialize', name: 'smallPages' },
    );
    try {
      const { timeToLive } = start({ client: paged });

      expect(await timeToLive.sweep()).toBe(5);

      expect(scans).toBeGreaterThanOrEqual(3);
      expect(await remaining()).toEqual([]);
    } finally {
      paged.destroy();
    }
  });

  it('still delivers the items it removed when a later delete fails, and rejects the sweep', async () => {
    await put('a', { N: String(NOW_SECONDS - 60) });
    await put('b', { N: String(NOW_SECONDS - 60) });
    const failing = clientFor(server);
    let deletes = 0;
    failing.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteItemCommand' && ++deletes === 2) throw new Error('connection reset');
        return next(args);
      },
      { step: 'initialize', name: 'failSecondDelete' },
    );
    try {
      const { timeToLive, events } = start({ client: failing });

      await expect(timeToLive.sweep()).rejects.toThrow('connection reset');

      expect(events.flatMap((event) => event.Records.map((record) => record.dynamodb.Keys.clipId?.S))).toEqual(['a']);
      expect(await remaining()).toEqual(['b']);
    } finally {
      failing.destroy();
    }
  });

  it('sweeps on its timer, skipping ticks while a pass runs', async () => {
    await put('old', { N: String(NOW_SECONDS - 60) });
    const counted = clientFor(server);
    let scans = 0;
    counted.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ScanCommand') scans += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countScans' },
    );
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const delivered: string[] = [];
    try {
      start({
        client: counted,
        intervalMs: 5,
        onRecords: async (event) => {
          await released;
          delivered.push(...event.Records.map((record) => record.dynamodb.Keys.clipId?.S ?? ''));
        },
      });
      await vi.waitFor(() => expect(scans).toBe(1), { timeout: 2_000, interval: 5 });

      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(scans).toBe(1);
      release();

      await vi.waitFor(() => expect(scans).toBeGreaterThan(1), { timeout: 2_000, interval: 5 });
      expect(delivered).toEqual(['old']);
    } finally {
      release();
      await Promise.all(started.splice(0).map((timeToLive) => timeToLive.stop()));
      counted.destroy();
    }
  });
});
