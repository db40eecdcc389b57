// The whole clip flow in the local home, as a user runs it: a real encoder streams, createClip
// harvests the last 10 s through the local MediaPackage, the handlers package it on the local
// MediaPackage-VOD, and the clip arrives READY over the onClipReady subscription.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import HLS from 'hls-parser';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClipsByCompetitionDocument,
  CreateClipDocument,
  OnClipReadyDocument,
  OnClipUpdatedDocument,
} from '../../generated/operations/graphql.ts';
import { startLocalHome, type LocalHome } from '../../local/home/index.ts';
import { graphqlRequest } from '../../local/client/graphqlRequest.ts';
import { subscribe } from '../../local/client/realtimeSubscriber.ts';
import { decodeProblems } from '../support/decode.ts';
import { waitFor } from '../local/mediapackage/helpers.ts';

const SEGMENT_SECONDS = 2;
const CLIP_SECONDS = 10;
let home: LocalHome;
let dataDir: string;
const logs: string[] = [];

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

function totalDuration(playlist: HLS.types.MediaPlaylist): number {
  return playlist.segments.reduce((sum, segment) => sum + segment.duration, 0);
}

/** Waits until the live origin has streamed at least `seconds` of content. */
async function waitForLiveContent(playbackUrl: string, seconds: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(playbackUrl).catch(() => undefined);
    const multivariant = response?.ok ? HLS.parse(await response.text()) : undefined;
    const first = multivariant?.isMasterPlaylist ? multivariant.variants[0]?.uri : undefined;
    if (first) {
      const media = HLS.parse(await text(new URL(first, playbackUrl).toString()));
      if (!media.isMasterPlaylist && totalDuration(media) >= seconds) return;
    }
    if (Date.now() > deadline) throw new Error(`the live origin did not stream ${seconds} s in time:\n${logs.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A subscription as an app opens it from the outputs file, with the API key. */
function subscribeAsApp<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V) {
  const { graphql, auth } = home.outputs;
  return subscribe<T>({ realtimeUrl: graphql.realtimeUrl, graphqlUrl: graphql.url, apiKey: auth.apiKey!, query: print(document), variables });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'clips-e2e-'));
  home = await startLocalHome({ dataDir, startoverWindowSeconds: 120, log: (line) => logs.push(line) });
  await waitForLiveContent(home.outputs.live.channels[0]!.playbackUrl, CLIP_SECONDS + 2 * SEGMENT_SECONDS);
}, 120_000);

afterAll(async () => {
  await home?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local home', () => {
  it('turns createClip of the last 10 s into a READY clip pushed with a playable VOD playlist', async () => {
    const { graphql, auth } = home.outputs;
    const subscriber = await subscribeAsApp(OnClipReadyDocument, { competition: 'e2e' });
    try {
      const requestedAt = Date.now();
      const created = await graphqlRequest(graphql.url, auth.apiKey!, CreateClipDocument, {
        input: {
          competition: 'e2e',
          startTime: new Date(requestedAt - CLIP_SECONDS * 1000).toISOString(),
          endTime: new Date(requestedAt).toISOString(),
          title: 'Last ten seconds',
        },
      });
      expect(created.errors).toBeUndefined();
      const clipId = created.data!.createClip.clipId;

      const [pushed] = await subscriber.waitFor(1, 90_000);
      const readyAfterMs = Date.now() - requestedAt;
      console.log(`[e2e] createClip -> READY push: ${(readyAfterMs / 1000).toFixed(1)} s (the range ended as the request was sent)`);

      const clip = pushed!.onClipReady!;
      expect(clip).toMatchObject({ competition: 'e2e', clipId, status: 'READY', title: 'Last ten seconds' });
      const hls = clip.manifests.find((manifest) => manifest.format === 'HLS');
      expect(hls).toBeDefined();

      const multivariant = HLS.parse(await text(hls!.url));
      if (!multivariant.isMasterPlaylist) throw new Error(`${hls!.url} is not a multivariant playlist`);
      expect(multivariant.variants.length).toBeGreaterThanOrEqual(2);
      for (const variant of multivariant.variants) {
        const playlistText = await text(new URL(variant.uri, hls!.url).toString());
        expect(playlistText.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
        const media = HLS.parse(playlistText);
        if (media.isMasterPlaylist) throw new Error(`${variant.uri} is not a media playlist`);
        expect(Math.abs(totalDuration(media) - CLIP_SECONDS)).toBeLessThanOrEqual(SEGMENT_SECONDS + 0.1);
      }

      const library = await graphqlRequest(graphql.url, auth.apiKey!, ClipsByCompetitionDocument, { competition: 'e2e' });
      expect(library.data!.clipsByCompetition.items).toContainEqual(clip);

      // READY is pushed once HLS plays; the DASH manifest joins the clip when its packaging ends.
      const withDash = await waitFor(async () => {
        const listed = await graphqlRequest(graphql.url, auth.apiKey!, ClipsByCompetitionDocument, { competition: 'e2e' });
        return listed.data?.clipsByCompetition.items.find((item) => item.clipId === clipId && item.manifests.some((manifest) => manifest.format === 'DASH'));
      }, 60_000, 'the clip\'s DASH manifest');
      // Both formats decode clean end to end under the ffmpeg the home runs (CI runs this suite
      // under Debian's 5.1 and npm's 4.1): the live ingest, the harvest and the VOD packaging
      // each lose or damage nothing.
      const dash = withDash.manifests.find((manifest) => manifest.format === 'DASH');
      expect(dash?.url).toMatch(/\.mpd$/);
      expect(await decodeProblems(hls!.url)).toBe('');
      expect(await decodeProblems(dash!.url)).toBe('');
    } finally {
      subscriber.close();
    }
  });

  it('pushes a FAILED clip for a range the origin does not hold', async () => {
    const { graphql, auth } = home.outputs;
    const subscriber = await subscribeAsApp(OnClipUpdatedDocument, { competition: 'e2e-gone' });
    try {
      // Inside the API's startover window, but before the encoder started: the origin never held it.
      const created = await graphqlRequest(graphql.url, auth.apiKey!, CreateClipDocument, {
        input: {
          competition: 'e2e-gone',
          startTime: new Date(Date.now() - 110_000).toISOString(),
          endTime: new Date(Date.now() - 100_000).toISOString(),
        },
      });
      expect(created.errors).toBeUndefined();

      const pushed = await subscriber.waitFor(1, 30_000);
      const failed = pushed.map((update) => update.onClipUpdated!).find((clip) => clip.status === 'FAILED');

      expect(failed).toMatchObject({ clipId: created.data!.createClip.clipId, status: 'FAILED' });
      expect(failed!.failureReason).toBeTruthy();
    } finally {
      subscriber.close();
    }
  });
});
