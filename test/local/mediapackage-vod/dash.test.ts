import {
  CreateAssetCommand,
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DescribeAssetCommand,
} from '@aws-sdk/client-mediapackage-vod';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putHarvestedSource, type HarvestedSource } from './harvested-source.ts';
import { decodeProblems } from '../../support/decode.ts';
import { startHarness, waitFor, type Harness } from './harness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/MediaPackageVodSourceRole';

interface Representation {
  id: string;
  codecs: string;
  timescale: number;
  initialization: string;
  /** Segment URIs with the template filled in, and their durations in seconds. */
  segments: Array<{ uri: string; seconds: number }>;
}

/** Expands each Representation's SegmentTemplate + SegmentTimeline, as a DASH player does. */
function representations(mpd: string): Representation[] {
  return [...mpd.matchAll(/<Representation id="([^"]+)"[^>]*codecs="([^"]+)"[\s\S]*?<\/Representation>/g)].map(([block, id = '', codecs = '']) => {
    const template = /<SegmentTemplate timescale="(\d+)"[^>]*initialization="([^"]+)" media="([^"]+)" startNumber="(\d+)"/.exec(block);
    const timescale = Number(template?.[1]);
    const media = template?.[3] ?? '';
    const segments: Array<{ uri: string; seconds: number }> = [];
    let time = 0;
    let number = Number(template?.[4]);
    for (const [, t, d = '0', r = '0'] of block.matchAll(/<S\s+(?:t="(\d+)"\s+)?d="(\d+)"(?:\s+r="(\d+)")?\s*\/>/g)) {
      if (t !== undefined) time = Number(t);
      for (let repeat = 0; repeat <= Number(r); repeat += 1) {
        const uri = media
          .replace('$RepresentationID$', id)
          .replace('$Number%05d$', String(number).padStart(5, '0'))
          .replace('$Time$', String(time));
        segments.push({ uri, seconds: Number(d) / timescale });
        time += Number(d);
        number += 1;
      }
    }
    return { id, codecs, timescale, initialization: (template?.[2] ?? '').replace('$RepresentationID$', id), segments };
  });
}

describe('DASH packaging', () => {
  let h: Harness;
  let source: HarvestedSource;

  beforeAll(async () => {
    h = await startHarness();
    source = await putHarvestedSource(h.objectStore, 'clips', 'harvest/dash/clip');
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'vod' }));
    await h.client.send(
      new CreatePackagingConfigurationCommand({
        Id: 'dash',
        PackagingGroupId: 'vod',
        DashPackage: { SegmentDurationSeconds: 6, DashManifests: [{ ManifestName: 'stream', MinBufferTimeSeconds: 10 }] },
      }),
    );
    await h.client.send(
      new CreatePackagingConfigurationCommand({
        Id: 'dash-time',
        PackagingGroupId: 'vod',
        DashPackage: {
          SegmentDurationSeconds: 4,
          SegmentTemplateFormat: 'TIME_WITH_TIMELINE',
          DashManifests: [{ ManifestName: 'low', StreamSelection: { MaxVideoBitsPerSecond: 300_000 } }],
        },
      }),
    );
    await h.client.send(new CreateAssetCommand({ Id: 'clip', PackagingGroupId: 'vod', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'PLAYABLE') ? true : undefined;
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('announces each configuration with its .mpd manifest URL', async () => {
    await h.bus.idle();
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
    expect(asset.EgressEndpoints?.map((endpoint) => endpoint.Url)).toEqual([expect.stringMatching(/\/stream\.mpd$/), expect.stringMatching(/\/low\.mpd$/)]);
    const playable = h.events.filter((event) => (event.detail as { event: string }).event === 'VodAssetPlayable');
    expect(playable.map((event) => (event.detail as { manifest_urls: string[] }).manifest_urls)).toEqual(asset.EgressEndpoints?.map((endpoint) => [endpoint.Url]));
  });

  it('serves a static MPD of fragmented MP4 whose segments follow SegmentDurationSeconds and cover the source', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
    const url = asset.EgressEndpoints?.[0]?.Url ?? '';
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('application/dash+xml');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const mpd = await response.text();
    expect(mpd).toContain('type="static"');
    expect(mpd).toContain('minBufferTime="PT10S"');
    const reps = representations(mpd);
    // Two video renditions and the audio, with codec strings browsers' MSE accepts.
    expect(reps.map((rep) => rep.codecs)).toEqual([expect.stringMatching(/^avc1\./), expect.stringMatching(/^avc1\./), 'mp4a.40.2']);
    for (const rep of reps) {
      const total = rep.segments.reduce((sum, segment) => sum + segment.seconds, 0);
      expect(Math.abs(total - (source.durations[0] ?? 0))).toBeLessThan(0.1);
      expect(rep.segments.slice(0, -1).every((segment) => Math.abs(segment.seconds - 6) < 0.1)).toBe(true);
      for (const uri of [rep.initialization, ...rep.segments.map((segment) => segment.uri)]) {
        const file = await fetch(new URL(uri, url));
        expect(file.status).toBe(200);
        expect(['video/mp4', 'video/iso.segment']).toContain(file.headers.get('content-type'));
        await file.arrayBuffer();
      }
    }
  });

  it('decodes end to end through the MPD', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
    expect(await decodeProblems(asset.EgressEndpoints?.[0]?.Url ?? '')).toBe('');
  });

  it('serves, for every representation of every MPD, an init segment and media segments that decode as one stream', async () => {
    // ffmpeg 4.1's DASH demuxer cannot follow $Time$ templates, so each representation is
    // fetched as a player would (init, then every segment in order) and decoded as one file.
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
    for (const endpoint of asset.EgressEndpoints ?? []) {
      const url = endpoint.Url ?? '';
      for (const rep of representations(await (await fetch(url)).text())) {
        const parts = await Promise.all([rep.initialization, ...rep.segments.map((segment) => segment.uri)].map(async (uri) => Buffer.from(await (await fetch(new URL(uri, url))).arrayBuffer())));
        const file = path.join(h.dir, `${endpoint.PackagingConfigurationId}-${rep.id}.mp4`);
        await writeFile(file, Buffer.concat(parts));
        expect(await decodeProblems(file)).toBe('');
      }
    }
  });

  it('applies StreamSelection and the $Time$ segment template', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
    const url = asset.EgressEndpoints?.[1]?.Url ?? '';
    const mpd = await (await fetch(url)).text();
    const reps = representations(mpd);
    expect(reps).toHaveLength(2);
    expect(mpd).toContain('height="90"');
    expect(mpd).not.toContain('height="180"');
    expect(mpd).toContain('$Time$');
    for (const rep of reps) {
      for (const segment of rep.segments) expect((await fetch(new URL(segment.uri, url))).status).toBe(200);
    }
  });
});

describe('a source with an encoder restart inside it (a discontinuity, timestamps starting over)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    // Two separate encodes, as before and after an encoder restart: the clip takes the first
    // three segments of each, with the discontinuity between them that a harvest writes.
    await putHarvestedSource(h.objectStore, 'clips', 'harvest/before');
    await putHarvestedSource(h.objectStore, 'clips', 'harvest/after');
    for (const name of ['hi', 'lo']) {
      const segments = (prefix: string) => [0, 1, 2].flatMap((n) => ['#EXTINF:2.000,', `../${prefix}/${name}_0000${n}.ts`]);
      const playlist = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', ...segments('before'), '#EXT-X-DISCONTINUITY', ...segments('after'), '#EXT-X-ENDLIST', ''];
      await h.objectStore.put('clips', `harvest/restarted/${name}.m3u8`, playlist.join('\n'));
    }
    const multivariant = (await h.objectStore.get('clips', 'harvest/before/index.m3u8')).toString('utf8');
    await h.objectStore.put('clips', 'harvest/restarted/index.m3u8', multivariant);
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'mixed' }));
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'hls', PackagingGroupId: 'mixed', HlsPackage: { HlsManifests: [{}] } }));
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'dash', PackagingGroupId: 'mixed', DashPackage: { DashManifests: [{}] } }));
    await h.client.send(
      new CreateAssetCommand({ Id: 'restarted', PackagingGroupId: 'mixed', SourceArn: 'arn:aws:s3:::clips/harvest/restarted/index.m3u8', SourceRoleArn: ROLE }),
    );
    await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'restarted' }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'PLAYABLE' || endpoint.Status === 'FAILED') ? true : undefined;
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('packages HLS with the discontinuity marked and no segment spanning it', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'restarted' }));
    expect(asset.EgressEndpoints?.map((endpoint) => [endpoint.PackagingConfigurationId, endpoint.Status])).toEqual([
      ['hls', 'PLAYABLE'],
      ['dash', 'PLAYABLE'],
    ]);
    const url = asset.EgressEndpoints?.[0]?.Url ?? '';
    const media = await (await fetch(new URL('index_1.m3u8', url))).text();
    // Segments 0-2 (6 s) | discontinuity | 3-5 (6 s): grouping starts again after the break.
    expect(media).toMatch(/#EXTINF:6\.000,\nsegment_1_1\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:6\.000,\nsegment_1_2\.ts\n#EXT-X-ENDLIST/);
    // ffmpeg reads an HLS playlist as one stream and trips over the timestamps starting over
    // (players reset at EXT-X-DISCONTINUITY); each segment is decoded on its own instead.
    for (const segment of ['segment_1_1.ts', 'segment_1_2.ts']) expect(await decodeProblems(new URL(segment, url).href)).toBe('');
  });

  it('packages DASH as one continuous timeline across the restart', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'restarted' }));
    const url = asset.EgressEndpoints?.[1]?.Url ?? '';
    const mpd = await (await fetch(url)).text();
    expect(mpd.match(/<Period /g)).toHaveLength(1);
    for (const rep of representations(mpd)) {
      const total = rep.segments.reduce((sum, segment) => sum + segment.seconds, 0);
      expect(Math.abs(total - 12)).toBeLessThan(0.1);
      const parts = await Promise.all([rep.initialization, ...rep.segments.map((segment) => segment.uri)].map(async (uri) => Buffer.from(await (await fetch(new URL(uri, url))).arrayBuffer())));
      const file = path.join(h.dir, `restarted-${rep.id}.mp4`);
      await writeFile(file, Buffer.concat(parts));
      expect(await decodeProblems(file)).toBe('');
    }
    expect(await decodeProblems(url)).toBe('');
  });
});

describe('renditions of near and of different picture shapes', () => {
  let h: Harness;

  /** Each video AdaptationSet's representation heights, in order. */
  const videoSets = (mpd: string) =>
    [...mpd.matchAll(/<AdaptationSet [^>]*contentType="video"[\s\S]*?<\/AdaptationSet>/g)].map(([set]) => [...set.matchAll(/height="(\d+)"/g)].map((match) => Number(match[1])));

  async function packaged(id: string, low: { width: number; height: number }) {
    await putHarvestedSource(h.objectStore, 'clips', `harvest/${id}`, { low });
    await h.client.send(new CreateAssetCommand({ Id: id, PackagingGroupId: 'shapes', SourceArn: `arn:aws:s3:::clips/harvest/${id}/index.m3u8`, SourceRoleArn: ROLE }));
    const asset = await waitFor(async () => {
      const described = await h.client.send(new DescribeAssetCommand({ Id: id }));
      return described.EgressEndpoints?.every((endpoint) => endpoint.Status !== 'QUEUED' && endpoint.Status !== 'PROCESSING') ? described : undefined;
    });
    return { status: asset.EgressEndpoints?.[0]?.Status, url: asset.EgressEndpoints?.[0]?.Url ?? '' };
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'shapes' }));
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'dash', PackagingGroupId: 'shapes', DashPackage: { DashManifests: [{}] } }));
  });

  afterAll(async () => {
    await h.close();
  });

  // 214x120 is 16:9 rounded to even pixels, as 426x240 is beside 640x360: ffmpeg 5's DASH muxer
  // refused such a ladder ("Conflicting stream aspect ratios values in Adaptation Set").
  it('keeps a ladder whose sizes round to even pixels in one adaptation set, at the top rendition\'s 16:9', async () => {
    const { status, url } = await packaged('rounded', { width: 214, height: 120 });
    expect(status).toBe('PLAYABLE');
    const mpd = await (await fetch(url)).text();
    expect(videoSets(mpd)).toEqual([[180, 120]]);
    // ffmpeg 5 states the set's picture aspect ratio; 4.1 writes no par attribute.
    expect(mpd).not.toMatch(/<AdaptationSet [^>]*contentType="video"[^>]*par="(?!16:9")/);
    expect(await decodeProblems(url)).toBe('');
  });

  it('gives a rendition of another shape (4:3 in a 16:9 ladder) an adaptation set of its own', async () => {
    const { status, url } = await packaged('four-three', { width: 160, height: 120 });
    expect(status).toBe('PLAYABLE');
    const mpd = await (await fetch(url)).text();
    expect(videoSets(mpd)).toEqual([[180], [120]]);
    expect(await decodeProblems(url)).toBe('');
  });
});
