// The handlers' logs are JSON lines (Powertools), and every line about a clip names it, so one
// clip's story can be filtered out of all handlers' logs. The level is set before the handlers
// load, as POWERTOOLS_LOG_LEVEL is on AWS.
import './support/infoLogs.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clipFixtures, harvestEvent, type ClipFixtures } from './support/clipFixtures.ts';
import { startClipFlowHome, type ClipFlowHome } from './support/clipFlowHome.ts';

let home: ClipFlowHome;
let fixtures: ClipFixtures;

beforeAll(async () => {
  home = await startClipFlowHome();
  fixtures = clipFixtures(home);
});

afterAll(async () => {
  fixtures?.destroy();
  await home?.stop();
});

it('writes one JSON object per line, each naming the clip, for a failed harvest handled twice', async () => {
  const clip = await fixtures.harvestingClip('logged', { harvested: false });
  const event = harvestEvent(clip, 'FAILED', 'gone');

  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    const { packageClip } = home.handlers();
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
