// `npm run demo`: the walk-through as a script, against a running `npm start` (or any home whose
// outputs file you name with --outputs). Subscribes to onClipReady, clips the last N seconds of
// the live stream, and prints the clip as it changes until it is READY with its VOD manifests.
// With the API key when the home has one; `--user editor` signs in instead (a home started with
// `--auth cognito --local-sign-in`, or the AWS home with `--password`).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { print } from 'graphql';
import {
  ClipsByCompetitionDocument,
  CreateClipDocument,
  OnClipUpdatedDocument,
  type OnClipUpdatedSubscription,
} from '../generated/operations/graphql.ts';
import { graphqlRequestWith } from './client/graphqlRequest.ts';
import { subscribe } from './client/realtimeSubscriber.ts';
import { authHeaders } from './client/signIn.ts';
import type { ClipsOutputs } from '../contracts/outputs.ts';

const { values } = parseArgs({
  options: {
    outputs: { type: 'string', default: '.data/outputs.json' },
    competition: { type: 'string', default: 'demo' },
    seconds: { type: 'string', default: '10' },
    title: { type: 'string', default: 'Demo clip' },
    user: { type: 'string' },
    password: { type: 'string', default: '' },
  },
});

const outputs = JSON.parse(
  await readFile(values.outputs, 'utf8').catch(() => {
    console.error(`No ${values.outputs}: start the local home first (npm start), or pass --outputs FILE.`);
    process.exit(1);
  }),
) as ClipsOutputs;
const headers = await authHeaders(outputs, values.user === undefined ? undefined : { username: values.user, password: values.password }).catch(
  (error: unknown) => {
    console.error(`Cannot call the API: ${(error as Error).message}`);
    process.exit(1);
  },
);
const competition = values.competition;
const seconds = Number(values.seconds);

const updates = await subscribe<OnClipUpdatedSubscription>({
  realtimeUrl: outputs.graphql.realtimeUrl,
  graphqlUrl: outputs.graphql.url,
  headers,
  query: print(OnClipUpdatedDocument),
  variables: { competition },
});
console.log(`Subscribed to onClipUpdated(competition: "${competition}").`);

const requestedAt = Date.now();
const created = await graphqlRequestWith(outputs.graphql.url, headers, CreateClipDocument, {
  input: {
    competition,
    startTime: new Date(requestedAt - seconds * 1000).toISOString(),
    endTime: new Date(requestedAt).toISOString(),
    title: values.title,
  },
});
if (created.errors || !created.data) {
  console.error(`createClip failed: ${JSON.stringify(created.errors, null, 2)}`);
  process.exit(1);
}
const clip = created.data.createClip;
console.log(`createClip -> ${clip.clipId} ${clip.status}; preview now: ${clip.previewUrl ?? '(none)'}`);

for (let seen = 0; ; seen += 1) {
  const update = (await updates.waitFor(seen + 1, 120_000))[seen]?.onClipUpdated;
  if (!update || update.clipId !== clip.clipId) continue;
  console.log(`  ${((Date.now() - requestedAt) / 1000).toFixed(1)} s  ${update.status}${update.failureReason ? `: ${update.failureReason}` : ''}`);
  if (update.status === 'FAILED') process.exit(1);
  if (update.status === 'READY') {
    for (const manifest of update.manifests) console.log(`  ${manifest.format}: ${manifest.url}`);
    break;
  }
}
updates.close();

const library = await graphqlRequestWith(outputs.graphql.url, headers, ClipsByCompetitionDocument, { competition, limit: 5 });
console.log(`clipsByCompetition("${competition}"), newest first:`);
for (const item of library.data?.clipsByCompetition.items ?? []) {
  console.log(`  ${item.clipId}  ${item.status.padEnd(10)} ${item.title ?? ''}`);
}
