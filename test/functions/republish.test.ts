// When publishClipUpdate fails (the API unreachable for a moment), the stored clip is right but
// subscribers were not told. A READY or FAILED clip is then published by the next sweep, once.
// The API is reached through a small relay that the test can make refuse, as an outage would.
import './support/silentLogs.ts';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harvestJobIdFor, manifestKeyFor } from '../../functions/commons/clips.ts';
import type { HarvestJobNotification } from '../../functions/commons/events.ts';
import { handler as packageClip } from '../../functions/packageClip/index.ts';
import { handler as sweepClips } from '../../functions/sweepClips/index.ts';
import { BUCKET, REGION, startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';

let home: ClipFlowHome;
let relay: Server;
let refusing = false;

/** Forwards requests unchanged (the Host header too, which the signature covers), or answers 503. */
async function startRelay(target: string): Promise<string> {
  const to = new URL(target);
  relay = createServer((incoming, outgoing) => {
    if (refusing) {
      outgoing.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Service Unavailable"}]}');
      return;
    }
    const forwarded = request(
      { host: to.hostname, port: to.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(relay.address() as AddressInfo).port}${to.pathname}`;
}

beforeAll(async () => {
  home = await startClipFlowHome();
  process.env.APPSYNC_GRAPHQL_URL = await startRelay(home.api.graphqlUrl);
});

afterAll(async () => {
  await new Promise((resolve) => relay?.close(resolve));
  await home?.stop();
});

it('publishes a FAILED clip whose push failed at the next sweep, and only once', async () => {
  const clip = { competition: 'outage', clipId: '20261125T051500000Z-0000000000OUTAGE' };
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
  const failed: HarvestJobNotification = {
    version: '0',
    id: 'outage-event',
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
      message: 'no content',
    },
  };
  const watch = await home.watch('outage');

  refusing = true;
  await packageClip(failed);
  expect(await sweepClips()).toMatchObject({ republished: 0 });
  expect(await watch.settle()).toEqual([]);

  refusing = false;
  expect(await sweepClips()).toMatchObject({ republished: 1 });
  expect(await sweepClips()).toMatchObject({ republished: 0 });
  await packageClip(failed);

  const updates = await watch.settle();
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({ clipId: clip.clipId, status: 'FAILED', failureReason: 'The harvest failed: no content' });
  watch.subscriber.close();
});
