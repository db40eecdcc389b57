// The handlers' logs are JSON lines (Powertools), and every line about a clip names it, so one
// clip's story can be filtered out of all handlers' logs. The level is set before the handlers
// load, as POWERTOOLS_LOG_LEVEL is on AWS.
import './support/infoLogs.ts';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harvestJobIdFor, manifestKeyFor } from '../../functions/commons/clips.ts';
import type { HarvestJobNotification } from '../../functions/commons/events.ts';
import { handler as packageClip } from '../../functions/packageClip/index.ts';
import { BUCKET, REGION, startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';

let home: ClipFlowHome;

beforeAll(async () => {
  home = await startClipFlowHome();
});

afterAll(async () => {
  await home?.stop();
});

it('writes one JSON object per line, each naming the clip, for a failed harvest handled twice', async () => {
  const clip = { competition: 'logged', clipId: '20261125T050000000Z-0000000000000LOG' };
  const now = new Date().toISOString();
  const dynamodb = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: REGION });
  await dynamodb.send(
    new PutItemCommand({
      TableName: 'clips',
      Item: marshall({ ...clip, status: 'HARVESTING', startTime: now, endTime: now, durationSeconds: 10, manifests: [], createdAt: now, updatedAt: now }),
    }),
  );
  dynamodb.destroy();
  const id = harvestJobIdFor(clip);
  const event: HarvestJobNotification = {
    version: '0',
    id: 'logged-event',
    'detail-type': 'MediaPackage HarvestJob Notification',
    source: 'aws.mediapackage',
    account: '000000000000',
    time: now.replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [],
    detail: {
      harvest_job: {
        id,
        arn: `arn:aws:mediapackage:${REGION}:000000000000:harvest_jobs/${id}`,
        status: 'FAILED',
        origin_endpoint_id: 'live-hls',
        start_time: now,
        end_time: now,
        s3_destination: { bucket_name: BUCKET, manifest_key: manifestKeyFor(clip), role_arn: 'arn:aws:iam::000000000000:role/r' },
        created_at: now,
      },
      message: 'gone',
    },
  };

  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await packageClip(event);
    await packageClip(event);
  } finally {
    process.stdout.write = write;
  }

  const lines = written.join('').split('\n').filter((line) => line.includes('"packageClip"'));
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(entries.map((entry) => entry.message)).toEqual([
    'Harvest job finished',
    'Clip status changed',
    'Harvest job finished',
    'Clip already moved on: nothing to change',
  ]);
  for (const entry of entries) expect(entry).toMatchObject({ level: 'INFO', service: 'clips', competition: 'logged', clipId: clip.clipId });
});
