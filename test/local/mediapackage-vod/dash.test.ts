import {
  CreateAssetCommand,
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DescribeAssetCommand,
} from '@aws-sdk/client-mediapackage-vod';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, putHarvestedSource, type HarvestedSource } from './harvested-source.ts';
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
    for (const [, t, d = '0', r = '0'] of block.matchAll(/<S (?:t="(\d+)" )?d="(\d+)"(?: r="(\d+)")? \/>/g)) {
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
    expect(await decode(asset.EgressEndpoints?.[0]?.Url ?? '')).toBe('');
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
        expect(await decode(file)).toBe('');
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

describe('a source with a discontinuity (an encoder restart inside the clip)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    const source = await putHarvestedSource(h.objectStore, 'clips', 'harvest/restart/clip');
    for (const name of ['hi', 'lo']) {
      const key = `harvest/restart/clip/${name}.m3u8`;
      const text = (await h.objectStore.get('clips', key)).toString('utf8');
      // The break before the fourth segment, where an encoder restart would put it.
      await h.objectStore.put('clips', key, text.replace(/(#EXTINF:[\d.]+,\n#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n\w+_00003\.ts)/, '#EXT-X-DISCONTINUITY\n$1'));
    }
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'mixed' }));
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'hls', PackagingGroupId: 'mixed', HlsPackage: { HlsManifests: [{}] } }));
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'dash', PackagingGroupId: 'mixed', DashPackage: { DashManifests: [{}] } }));
    await h.client.send(new CreateAssetCommand({ Id: 'restarted', PackagingGroupId: 'mixed', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'restarted' }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'PLAYABLE' || endpoint.Status === 'FAILED') ? true : undefined;
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('packages HLS with the discontinuity marked and no segment spanning it; refuses DASH with IngestError', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'restarted' }));
    expect(asset.EgressEndpoints?.map((endpoint) => [endpoint.PackagingConfigurationId, endpoint.Status])).toEqual([
      ['hls', 'PLAYABLE'],
      ['dash', 'FAILED'],
    ]);
    const url = asset.EgressEndpoints?.[0]?.Url ?? '';
    const media = await (await fetch(new URL('index_1.m3u8', url))).text();
    // Segments 0-2 (6 s) | discontinuity | 3-5 (6 s): grouping restarts after the break.
    expect(media).toMatch(/#EXTINF:6\.000,\nsegment_1_1\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:6\.000,\nsegment_1_2\.ts/);
    await h.bus.idle();
    const events = h.events.map((event) => event.detail as { event: string; message: string });
    expect(events.map((event) => event.event)).toEqual(['IngestStart', 'IngestComplete', 'VodAssetPlayable', 'IngestError']);
    expect(events[3]?.message).toContain('discontinuity');
  });
});
