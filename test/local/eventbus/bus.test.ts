import { afterEach, describe, expect, it } from 'vitest';
import {
  createEventBus,
  HARVEST_JOB_NOTIFICATION_PATTERN,
  InvalidEventPatternError,
  matchesPattern,
  type EventBridgeEvent,
  type EventBus,
} from '../../../local/eventbus/index.ts';

const harvestEvent = (status: string) => ({
  source: 'aws.mediapackage',
  'detail-type': 'MediaPackage HarvestJob Notification',
  resources: ['arn:aws:mediapackage:us-east-1:000000000000:harvest_jobs/job-1'],
  detail: { harvest_job: { id: 'job-1', status, s3_destination: { bucket_name: 'clips' } } },
});

let current: EventBus | undefined;
afterEach(() => current?.stop());

describe('event patterns', () => {
  const event = {
    source: 'aws.mediapackage',
    'detail-type': 'MediaPackage Input Notification',
    resources: ['arn:a', 'arn:b'],
    detail: { event: 'VodAssetPlayable', count: 3, tags: ['x', 'y'], nested: { id: 'abc-1' } },
  };

  it.each([
    [{ source: ['aws.mediapackage'] }, true],
    [{ source: ['aws.s3', 'aws.mediapackage'] }, true],
    [{ source: ['aws.s3'] }, false],
    [{ detail: { event: ['VodAssetPlayable'] } }, true],
    [{ detail: { nested: { id: [{ prefix: 'abc' }] } } }, true],
    [{ detail: { nested: { id: [{ suffix: '-2' }] } } }, false],
    [{ detail: { tags: ['y'] } }, true],
    [{ resources: ['arn:b'] }, true],
    [{ detail: { missing: [{ exists: false }] } }, true],
    [{ detail: { event: [{ exists: false }] } }, false],
    [{ detail: { event: [{ 'anything-but': ['IngestError'] }] } }, true],
    [{ detail: { event: [{ 'anything-but': { prefix: 'Vod' } }] } }, false],
    [{ detail: { count: [{ numeric: ['>', 2, '<=', 3] }] } }, true],
    [{ detail: { count: [{ numeric: ['>', 3] }] } }, false],
    [{ detail: { event: [{ 'equals-ignore-case': 'vodassetplayable' }] } }, true],
    [{ detail: { nested: ['abc-1'] } }, false],
  ])('%j matches: %s', (pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});

describe('event bus', () => {
  it('delivers a matching event asynchronously with the EventBridge envelope', async () => {
    const bus = createEventBus({ log: () => {} });
    current = bus;
    const received: EventBridgeEvent[] = [];
    bus.subscribe(HARVEST_JOB_NOTIFICATION_PATTERN, async (event) => {
      received.push(event);
    });
    bus.subscribe({ source: ['aws.s3'] }, async () => {
      throw new Error('must not be called');
    });
    const result = bus.putEvents([harvestEvent('SUCCEEDED')]);
    expect(received).toHaveLength(0);
    await bus.idle();
    expect(received).toHaveLength(1);
    const [event] = received;
    expect(event).toMatchObject({
      version: '0',
      id: result.Entries[0]?.EventId,
      'detail-type': 'MediaPackage HarvestJob Notification',
      source: 'aws.mediapackage',
      account: '000000000000',
      region: 'us-east-1',
      resources: ['arn:aws:mediapackage:us-east-1:000000000000:harvest_jobs/job-1'],
      detail: { harvest_job: { id: 'job-1', status: 'SUCCEEDED' } },
    });
    expect(event?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(result.FailedEntryCount).toBe(0);
  });

  it('retries a throwing target until it succeeds', async () => {
    const bus = createEventBus({ log: () => {}, retry: { baseDelayMs: 5, maxAttempts: 4 } });
    current = bus;
    let attempts = 0;
    bus.subscribe(HARVEST_JOB_NOTIFICATION_PATTERN, async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('table busy');
    });
    bus.putEvents([harvestEvent('SUCCEEDED')]);
    await bus.idle();
    expect(attempts).toBe(3);
    expect(bus.deadLetters()).toHaveLength(0);
  });

  it('dead-letters an event after the last attempt', async () => {
    const bus = createEventBus({ log: () => {}, retry: { baseDelayMs: 1, maxAttempts: 3 } });
    current = bus;
    let attempts = 0;
    bus.subscribe(
      { detail: { harvest_job: { status: ['FAILED'] } } },
      async () => {
        attempts += 1;
        throw new Error('always');
      },
      { name: 'failure-handler' },
    );
    bus.putEvents([harvestEvent('FAILED'), harvestEvent('SUCCEEDED')]);
    await bus.idle();
    expect(attempts).toBe(3);
    const [letter] = bus.deadLetters();
    expect(letter).toMatchObject({ target: 'failure-handler', attempts: 3 });
    expect(letter?.event.detail).toMatchObject({ harvest_job: { status: 'FAILED' } });
  });

  it('stops delivering to an unsubscribed target and refuses malformed patterns', async () => {
    const bus = createEventBus({ log: () => {} });
    current = bus;
    let calls = 0;
    const unsubscribe = bus.subscribe({ source: ['aws.mediapackage'] }, async () => {
      calls += 1;
    });
    unsubscribe();
    bus.putEvents([harvestEvent('SUCCEEDED')]);
    await bus.idle();
    expect(calls).toBe(0);
    expect(() => bus.subscribe({ source: [] }, async () => {})).toThrow(InvalidEventPatternError);
  });

  it('delivered(id) answers once each target has tried that event, waiting neither for other events nor for retries', async () => {
    const bus = createEventBus({ log: () => {}, retry: { baseDelayMs: 5_000 } });
    current = bus;
    const done: string[] = [];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    bus.subscribe({ source: ['aws.mediapackage'] }, async (event) => {
      const { status } = (event.detail as { harvest_job: { status: string } }).harvest_job;
      await pause(status === 'SUCCEEDED' ? 50 : 2_000);
      done.push(`${status} handled`);
    });
    bus.subscribe({ source: ['aws.mediapackage'] }, async (event) => {
      if ((event.detail as { harvest_job: { status: string } }).harvest_job.status === 'SUCCEEDED') throw new Error('retried later');
    });
    const [slow] = bus.putEvents([harvestEvent('IN_PROGRESS')]).Entries;
    const [quick] = bus.putEvents([harvestEvent('SUCCEEDED')]).Entries;
    await bus.delivered(quick?.EventId ?? '');
    expect(done).toEqual(['SUCCEEDED handled']);
    await bus.delivered(slow?.EventId ?? '');
    expect(done).toEqual(['SUCCEEDED handled', 'IN_PROGRESS handled']);
    await expect(bus.delivered('no-such-event')).resolves.toBeUndefined();
  });

  it('delivers nothing put before a stop, and idle() still answers after a handler that was running ends', async () => {
    const bus = createEventBus({ log: () => {} });
    current = bus;
    const handled: string[] = [];
    let finishRunning: () => void = () => {};
    bus.subscribe({ source: ['aws.mediapackage'] }, async (event) => {
      handled.push((event.detail as { harvest_job: { status: string } }).harvest_job.status);
      if (handled.length === 1) await new Promise<void>((resolve) => (finishRunning = resolve));
    });
    bus.putEvents([harvestEvent('IN_PROGRESS')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual(['IN_PROGRESS']);
    bus.putEvents([harvestEvent('SUCCEEDED')]);
    bus.stop();
    finishRunning();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handled).toEqual(['IN_PROGRESS']);
    await expect(bus.idle()).resolves.toBeUndefined();
  });
});
