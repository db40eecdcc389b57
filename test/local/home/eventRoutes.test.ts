// The local home routes events to handlers by the very patterns the CDK stack deploys, so an event
// that AWS's rule would drop never reaches a handler here either. The events are built by the
// local emulators' own event writers, as they put them on the bus.
import { afterEach, describe, expect, it } from 'vitest';
import { clipEventRules } from '../../../contracts/eventRules.ts';
import type { EventBridgeEvent } from '../../../contracts/events.ts';
import { createEventBus, type EventBus, type EventInput } from '../../../local/eventbus/index.ts';
import { eventRoutes } from '../../../local/home/handlers.ts';
import type { HarvestJobRecord } from '../../../local/mediapackage/harvest/jobs.ts';
import { harvestJobNotification } from '../../../local/mediapackage/events.ts';
import { ingestComplete, ingestError, ingestStart, inputNotification, vodAssetPlayable } from '../../../local/mediapackage-vod/events.ts';

const scope = { clipsBucketName: 'clips', partition: 'aws', region: 'us-east-1', account: '000000000000' };
const vod = { region: scope.region, accountId: scope.account };
const assetArn = 'arn:aws:mediapackage-vod:us-east-1:000000000000:assets/final-20261203T120000000Z-abc';

function finishedJob(status: 'SUCCEEDED' | 'FAILED', bucketName = 'clips'): HarvestJobRecord {
  return {
    id: `job-${status}-${bucketName}`,
    arn: `arn:aws:mediapackage:us-east-1:000000000000:harvest_jobs/job-${status}-${bucketName}`,
    channelId: 'live',
    originEndpointId: 'live-hls',
    startTime: '2026-12-03T12:00:00Z',
    endTime: '2026-12-03T12:00:10Z',
    startMs: 0,
    endMs: 10_000,
    s3Destination: { bucketName, manifestKey: 'final/clip/index.m3u8', roleArn: 'arn:aws:iam::000000000000:role/r' },
    createdAt: '2026-12-03T12:00:11Z',
    status,
    ...(status === 'FAILED' ? { message: 'gone' } : {}),
  };
}

/** A harvest job's id, or an input notification's kind. */
function nameOf(event: EventBridgeEvent): string {
  const detail = event.detail as { harvest_job?: { id: string }; event?: string };
  return detail.harvest_job?.id ?? String(detail.event);
}

let bus: EventBus | undefined;
afterEach(() => bus?.stop());

/** Which handler (by route name) each event reached, through the routes the local home wires. */
async function routed(events: EventInput[]): Promise<Record<string, string[]>> {
  bus = createEventBus({ log: () => {} });
  const reached: Record<string, string[]> = {};
  for (const route of eventRoutes(clipEventRules(scope))) {
    reached[route.name] = [];
    bus.subscribe(route.pattern, async (event: EventBridgeEvent) => {
      reached[route.name]!.push(nameOf(event));
    });
  }
  bus.putEvents(events);
  await bus.idle();
  return reached;
}

describe('local event routing', () => {
  it('gives packageClip finished harvest jobs into the clips bucket, and nothing else', async () => {
    const reached = await routed([
      harvestJobNotification(finishedJob('SUCCEEDED')),
      harvestJobNotification(finishedJob('FAILED')),
      harvestJobNotification(finishedJob('SUCCEEDED', 'someone-elses-bucket')),
    ]);

    expect(reached.packageClip).toEqual(['job-SUCCEEDED-clips', 'job-FAILED-clips']);
    expect(reached.clipPlayable).toEqual([]);
  });

  it('gives clipPlayable playable and failed VOD assets, not ingest progress or live channel notifications', async () => {
    const asset = { id: 'final-20261203T120000000Z-abc', arn: assetArn };
    const liveChannel = inputNotification(vod, ['arn:aws:mediapackage:us-east-1:000000000000:channels/6d3c'], {
      event: 'IngestError',
      message: 'the live channel lost its input',
    });
    const otherAccount = ingestError({ region: 'us-east-1', accountId: '111111111111' }, asset.arn.replace('000000000000', '111111111111'), 'x');
    const reached = await routed([
      ingestStart(vod, asset.arn),
      ingestComplete(vod, asset.arn),
      vodAssetPlayable(vod, asset, { id: 'clips-hls' }, ['http://127.0.0.1/index.m3u8']),
      ingestError(vod, asset.arn, 'unreadable source'),
      liveChannel,
      otherAccount,
    ]);

    expect(reached.clipPlayable).toEqual(['VodAssetPlayable', 'IngestError']);
    expect(reached.packageClip).toEqual([]);
  });
});
