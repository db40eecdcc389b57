// When publishClipUpdate fails (the API unreachable for a moment), the stored clip is right but
// subscribers were not told. A READY or FAILED clip is then published by the next sweep, once.
// The API is reached through a small relay that the test can make refuse, as an outage would.
import './support/silentLogs.ts';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clipFixtures, harvestEvent, type ClipFixtures } from './support/clipFixtures.ts';
import type { Handlers } from '../../local/home/handlers.ts';
import { startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';

let home: ClipFlowHome;
let fixtures: ClipFixtures;
let relay: Server;
// The handlers publish through the relay.
let packageClip: Handlers['packageClip'];
let sweepClips: Handlers['sweepClips'];
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
  fixtures = clipFixtures(home);
  ({ packageClip, sweepClips } = home.handlers({ publish: { graphqlUrl: await startRelay(home.api.graphqlUrl) } }));
});

afterAll(async () => {
  await new Promise((resolve) => relay?.close(resolve));
  fixtures?.destroy();
  await home?.stop();
});

it('publishes a FAILED clip whose push failed at the next sweep, and only once', async () => {
  const clip = await fixtures.harvestingClip('outage', { harvested: false });
  const failed = harvestEvent(clip, 'FAILED', 'no content');
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
