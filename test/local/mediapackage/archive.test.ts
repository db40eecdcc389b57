import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelArchive } from '../../../local/mediapackage/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archive-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function appendSegments(archive: ChannelArchive, rendition: string, from: number, count: number, session = 's1') {
  for (let i = from; i < from + count; i += 1) {
    const file = path.join(dir, `staged-${rendition}-${session}-${i}.ts`);
    await writeFile(file, `segment ${i}`);
    await archive.rendition(rendition).append(file, {
      startMs: 1_000_000 + i * 2_000,
      durationMs: 2_000,
      session,
      anchorMs: 1_000_000,
      ingestMsn: i,
      discontinuity: false,
    });
  }
}

describe('origin archive', () => {
  it('keeps segments and their timeline across a reopen, and prunes the oldest', async () => {
    const channelDir = path.join(dir, 'channel');
    const archive = await ChannelArchive.open(channelDir);
    await appendSegments(archive, '0', 0, 10);
    await appendSegments(archive, '1', 0, 10);
    // Pruning while segments keep arriving loses none of them from the index.
    await Promise.all([archive.prune(1_000_000 + 6_000), appendSegments(archive, '0', 10, 3)]);
    await appendSegments(archive, '1', 10, 3);

    const reopened = await ChannelArchive.open(channelDir);
    const seqs = reopened.rendition('0').segments.map((segment) => segment.seq);
    // Segment 2 ends exactly at the cut: it is still inside the window.
    expect(seqs).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(reopened.earliestMs()).toBe(1_000_000 + 2 * 2_000);
    expect(reopened.liveEdgeMs()).toBe(1_000_000 + 13 * 2_000);
    expect((await readdir(path.join(channelDir, '0'))).filter((name) => name.endsWith('.ts'))).toHaveLength(11);
    // Whole segments cover a range whose boundaries fall inside segments.
    expect(reopened.rendition('1').range(1_000_000 + 7_000, 1_000_000 + 11_000).map((segment) => segment.seq)).toEqual([3, 4, 5]);
  });

  it('numbers on after the whole window was pruned', async () => {
    const archive = await ChannelArchive.open(path.join(dir, 'emptied'));
    await appendSegments(archive, '0', 0, 3);
    await archive.prune(Number.MAX_SAFE_INTEGER);
    await appendSegments(archive, '0', 3, 1, 's2');
    expect(archive.rendition('0').segments.map((segment) => segment.seq)).toEqual([3]);
  });
});
