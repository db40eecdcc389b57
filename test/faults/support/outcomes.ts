// What every fault case asserts once the fault is over, as a user of the API sees it: every clip
// ends READY or FAILED within the case's bound, no clip is listed twice in the library and one
// pass over its changes holds each, and every READY clip still plays from the VOD egress.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { expect } from 'vitest';
import {
  ClipChangesDocument,
  ClipDocument,
  ClipsByCompetitionDocument,
  CreateClipDocument,
  type ClipFieldsFragment,
} from '../../../generated/operations/graphql.ts';
import { graphqlRequest } from '../../../local/client/graphqlRequest.ts';
import { decodeProblems } from '../../support/decode.ts';

/** The API as a script reaches it: the local home's URL and API key. */
export interface ApiAccess {
  graphqlUrl: string;
  apiKey: string;
}

const FINAL = new Set(['READY', 'FAILED']);

async function request<T, V>(api: ApiAccess, document: TypedDocumentNode<T, V>, variables: V): Promise<T> {
  const { data, errors } = await graphqlRequest(api.graphqlUrl, api.apiKey, document, variables);
  if (errors?.length || !data) throw new Error(`the API refused: ${JSON.stringify(errors)}`);
  return data;
}

/** A clip of the last `seconds` (ending `endOffsetMs` from now), as an editor makes one. */
export async function createClip(api: ApiAccess, competition: string, seconds: number, endOffsetMs = 0): Promise<ClipFieldsFragment> {
  const end = Date.now() + endOffsetMs;
  const input = { competition, title: `${competition} clip`, startTime: new Date(end - seconds * 1000).toISOString(), endTime: new Date(end).toISOString() };
  return (await request(api, CreateClipDocument, { input })).createClip;
}

/** The library's newest page of a competition and the changes cursor it hands out, as an app starts. */
export async function changesCursor(api: ApiAccess, competition: string): Promise<string> {
  return (await request(api, ClipsByCompetitionDocument, { competition })).clipsByCompetition.changesCursor;
}

/**
 * Waits until every clip is READY or FAILED; fails naming the clips still in flight once
 * `boundMs` (the case's stated bound) has passed since `sinceMs`.
 */
export async function settledWithin(api: ApiAccess, clips: readonly ClipFieldsFragment[], boundMs: number, sinceMs: number): Promise<ClipFieldsFragment[]> {
  for (;;) {
    const now = await Promise.all(clips.map(async (clip) => (await request(api, ClipDocument, { competition: clip.competition, clipId: clip.clipId })).clip));
    const missing = clips.filter((_, index) => !now[index]);
    if (missing.length > 0) throw new Error(`clips lost: ${missing.map((clip) => clip.clipId).join(', ')}`);
    const settled = now as ClipFieldsFragment[];
    const inFlight = settled.filter((clip) => !FINAL.has(clip.status));
    if (inFlight.length === 0) return settled;
    if (Date.now() - sinceMs > boundMs) {
      throw new Error(`clips still in flight after ${boundMs} ms: ${inFlight.map((clip) => `${clip.clipId} ${clip.status}`).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every page of the competition's library. */
async function library(api: ApiAccess, competition: string): Promise<ClipFieldsFragment[]> {
  const items: ClipFieldsFragment[] = [];
  let nextToken: string | null = null;
  do {
    const page: { items: ClipFieldsFragment[]; nextToken?: string | null } = (
      await request(api, ClipsByCompetitionDocument, { competition, limit: 2, nextToken })
    ).clipsByCompetition;
    items.push(...page.items);
    nextToken = page.nextToken ?? null;
  } while (nextToken);
  return items;
}

/** One pass over the competition's changes since `cursor`, every page. */
async function changes(api: ApiAccess, competition: string, cursor: string): Promise<ClipFieldsFragment[]> {
  const items: ClipFieldsFragment[] = [];
  let since = cursor;
  for (;;) {
    const page = (await request(api, ClipChangesDocument, { competition, since, limit: 2 })).clipChanges;
    items.push(...page.items);
    since = page.cursor;
    if (!page.hasMore) return items;
  }
}

const idsOf = (clips: readonly ClipFieldsFragment[]) => clips.map((clip) => clip.clipId).sort();

/**
 * The library holds the settled clips exactly once, as they are stored; the changes since
 * `cursor` (taken before the clips were made) hold each of them, its newest copy at least as new
 * as the settled one. A clip may come again in one pass, as clipChanges documents ("keep the copy
 * with the newest updatedAt"): a READY clip still changes when its DASH manifest lands. Paged two
 * at a time, so page boundaries are crossed too.
 */
export async function expectEachOnce(api: ApiAccess, competition: string, settled: readonly ClipFieldsFragment[], cursor: string): Promise<void> {
  const listed = await library(api, competition);
  expect(idsOf(listed)).toEqual(idsOf(settled));
  expect(listed.map((clip) => clip.status).sort()).toEqual(settled.map((clip) => clip.status).sort());
  const newest = new Map<string, ClipFieldsFragment>();
  for (const clip of await changes(api, competition, cursor)) {
    const kept = newest.get(clip.clipId);
    if (!kept || kept.updatedAt < clip.updatedAt) newest.set(clip.clipId, clip);
  }
  expect(idsOf([...newest.values()])).toEqual(idsOf(settled));
  for (const clip of settled) expect((newest.get(clip.clipId)?.updatedAt ?? '') >= clip.updatedAt, `the changes hold clip ${clip.clipId} as settled or newer`).toBe(true);
}

/** A READY clip's HLS plays: its manifest, a media playlist and its first segment, which decodes clean. */
export async function expectPlays(clip: ClipFieldsFragment): Promise<void> {
  const hls = clip.manifests.find((manifest) => manifest.format === 'HLS');
  expect(hls, `clip ${clip.clipId} has an HLS manifest`).toBeDefined();
  const multivariant = await fetch(hls!.url);
  expect(multivariant.status).toBe(200);
  const mediaUri = (await multivariant.text()).split('\n').find((line) => line !== '' && !line.startsWith('#'));
  expect(mediaUri, `clip ${clip.clipId}: a media playlist in ${hls!.url}`).toBeDefined();
  const mediaUrl = new URL(mediaUri!, hls!.url);
  const media = await fetch(mediaUrl);
  expect(media.status).toBe(200);
  const segmentUri = (await media.text()).split('\n').find((line) => line !== '' && !line.startsWith('#'));
  expect(segmentUri, `clip ${clip.clipId}: a segment in ${mediaUrl.href}`).toBeDefined();
  expect(await decodeProblems(new URL(segmentUri!, mediaUrl).href)).toBe('');
}

/** Every assertion of a case once its fault is over. */
export async function expectNothingLostStuckOrDoubled(
  api: ApiAccess,
  clips: readonly ClipFieldsFragment[],
  options: { boundMs: number; sinceMs: number; cursor: string },
): Promise<ClipFieldsFragment[]> {
  const [first] = clips;
  if (!first) throw new Error('a case needs clips');
  const settled = await settledWithin(api, clips, options.boundMs, options.sinceMs);
  await expectEachOnce(api, first.competition, settled, options.cursor);
  for (const clip of settled.filter((one) => one.status === 'READY')) await expectPlays(clip);
  return settled;
}
