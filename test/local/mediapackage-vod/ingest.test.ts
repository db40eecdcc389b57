import {
  CreateAssetCommand,
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DeleteAssetCommand,
  DeletePackagingConfigurationCommand,
  DescribeAssetCommand,
} from '@aws-sdk/client-mediapackage-vod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putHarvestedSource, type HarvestedSource } from './harvested-source.ts';
import { decodeProblems } from '../../support/decode.ts';
import { startHarness, waitFor, type Harness } from './harness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/MediaPackageVodSourceRole';

function segmentUris(playlist: string): string[] {
  return playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

function durationOf(playlist: string): number {
  return [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

describe('asset ingest and HLS egress', () => {
  let h: Harness;
  let source: HarvestedSource;

  beforeAll(async () => {
    // A pause before each ingest lets the test see the egress URL before it plays, as on AWS.
    h = await startHarness({ ingestDelayMs: 1500 });
    source = await putHarvestedSource(h.objectStore, 'clips', 'harvest/match-1/clip-a');
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'clips' }));
    await h.client.send(
      new CreatePackagingConfigurationCommand({
        Id: 'clips-hls',
        PackagingGroupId: 'clips',
        HlsPackage: { SegmentDurationSeconds: 6, HlsManifests: [{ ManifestName: 'index', ProgramDateTimeIntervalSeconds: 6 }] },
      }),
    );
    await h.client.send(
      new CreatePackagingConfigurationCommand({
        Id: 'clips-hls-low',
        PackagingGroupId: 'clips',
        HlsPackage: {
          SegmentDurationSeconds: 2,
          HlsManifests: [{ ManifestName: 'low', StreamSelection: { MaxVideoBitsPerSecond: 300_000 } }],
        },
      }),
    );
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers CreateAsset at once with QUEUED endpoints whose URLs 404 until playable, then plays', async () => {
    const created = await h.client.send(
      new CreateAssetCommand({ Id: 'clip-a', PackagingGroupId: 'clips', SourceArn: source.sourceArn, SourceRoleArn: ROLE }),
    );
    expect(created.Arn).toBe('arn:aws:mediapackage-vod:eu-west-1:123456789012:assets/clip-a');
    expect(created.EgressEndpoints?.map((endpoint) => [endpoint.PackagingConfigurationId, endpoint.Status])).toEqual([
      ['clips-hls', 'QUEUED'],
      ['clips-hls-low', 'QUEUED'],
    ]);
    const url = created.EgressEndpoints?.[0]?.Url ?? '';
    expect(url).toMatch(new RegExp(`^${h.vod.egressBaseUrl}/out/v1/[0-9a-f]{32}/[0-9a-f]{32}/index\\.m3u8$`));
    expect((await fetch(url)).status).toBe(404);

    const playable = await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'PLAYABLE') ? asset : undefined;
    });
    expect(playable.EgressEndpoints?.map((endpoint) => endpoint.Url)).toEqual(created.EgressEndpoints?.map((endpoint) => endpoint.Url));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('emits IngestStart, IngestComplete, then VodAssetPlayable once per configuration with its manifest URLs', async () => {
    await h.bus.idle();
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
    const mine = h.events.filter((event) => event.resources[0] === asset.Arn);
    expect(mine.map((event) => (event.detail as { event: string }).event)).toEqual(['IngestStart', 'IngestComplete', 'VodAssetPlayable', 'VodAssetPlayable']);
    for (const event of mine) {
      expect(event).toMatchObject({ version: '0', source: 'aws.mediapackage', 'detail-type': 'MediaPackage Input Notification', account: '123456789012', region: 'eu-west-1' });
      expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const playable = mine.filter((event) => (event.detail as { event: string }).event === 'VodAssetPlayable');
    // As AWS's example VodAssetPlayable event names the configuration: `packaging_configuration/<id>`,
    // not the configuration's own ARN (https://docs.aws.amazon.com/mediapackage/latest/ug/cloudwatch-events-example.html).
    expect(playable.map((event) => event.resources)).toEqual([
      [asset.Arn, 'arn:aws:mediapackage-vod:eu-west-1:123456789012:packaging_configuration/clips-hls'],
      [asset.Arn, 'arn:aws:mediapackage-vod:eu-west-1:123456789012:packaging_configuration/clips-hls-low'],
    ]);
    expect(playable.map((event) => event.detail)).toEqual(
      asset.EgressEndpoints?.map((endpoint) => ({
        event: 'VodAssetPlayable',
        message: `Asset 'clip-a' is now playable for PackagingConfiguration '${endpoint.PackagingConfigurationId}'`,
        packaging_configuration_id: endpoint.PackagingConfigurationId,
        manifest_urls: [endpoint.Url],
      })),
    );
  });

  it('serves VOD playlists whose segments follow SegmentDurationSeconds and add up to the source', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
    const [six, two] = asset.EgressEndpoints ?? [];
    const multivariant = await (await fetch(six?.Url ?? '')).text();
    const mediaUris = segmentUris(multivariant);
    expect(mediaUris).toHaveLength(2);
    expect(multivariant).toContain('RESOLUTION=320x180');

    for (const [index, mediaUri] of mediaUris.entries()) {
      const media = await (await fetch(new URL(mediaUri, six?.Url))).text();
      expect(media).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(media.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
      expect(durationOf(media)).toBeCloseTo(source.durations[index] ?? 0, 2);
      const durations = [...media.matchAll(/#EXTINF:([\d.]+)/g)].map((match) => Number(match[1]));
      // 2 s source segments grouped in threes: 6 s segments (the last may be shorter).
      expect(durations.slice(0, -1).every((duration) => Math.abs(duration - 6) < 0.1)).toBe(true);
      // One program date time every 6 s: on every 6 s segment.
      expect(media.match(/#EXT-X-PROGRAM-DATE-TIME:/g)).toHaveLength(durations.length);
    }

    const low = await (await fetch(two?.Url ?? '')).text();
    // StreamSelection keeps only the 250 kb/s rendition; 2 s segments stay as they were.
    expect(low).toContain('BANDWIDTH=250000');
    expect(segmentUris(low)).toHaveLength(1);
    const lowMedia = await (await fetch(new URL(segmentUris(low)[0] ?? '', two?.Url))).text();
    expect(lowMedia.match(/#EXTINF:/g)).toHaveLength(6);
    expect(lowMedia).not.toContain('#EXT-X-PROGRAM-DATE-TIME');
  });

  it('serves every segment it names as MPEG-TS that decodes, and honours byte ranges', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
    const url = asset.EgressEndpoints?.[0]?.Url ?? '';
    expect(await decodeProblems(url)).toBe('');
    const media = await (await fetch(url)).text();
    for (const mediaUri of segmentUris(media)) {
      const mediaUrl = new URL(mediaUri, url);
      const playlist = await (await fetch(mediaUrl)).text();
      for (const segmentUri of segmentUris(playlist)) {
        const segmentUrl = new URL(segmentUri, mediaUrl).href;
        const response = await fetch(segmentUrl);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('video/MP2T');
        await response.arrayBuffer();
        expect(await decodeProblems(segmentUrl)).toBe('');
      }
    }
    const first = new URL(segmentUris(await (await fetch(new URL(segmentUris(media)[0] ?? '', url))).text())[0] ?? '', new URL(segmentUris(media)[0] ?? '', url));
    const ranged = await fetch(first, { headers: { range: 'bytes=188-375' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toMatch(/^bytes 188-375\/\d+$/);
    const bytes = new Uint8Array(await ranged.arrayBuffer());
    expect(bytes.length).toBe(188);
    expect(bytes[0]).toBe(0x47);
  });

  it('fails an asset whose source is missing: IngestError on the bus and FAILED endpoints', async () => {
    const created = await h.client.send(
      new CreateAssetCommand({ Id: 'clip-missing', PackagingGroupId: 'clips', SourceArn: 'arn:aws:s3:::clips/harvest/nothing/index.m3u8', SourceRoleArn: ROLE }),
    );
    const failed = await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-missing' }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'FAILED') ? asset : undefined;
    });
    expect(failed.EgressEndpoints).toHaveLength(2);
    await h.bus.idle();
    const mine = h.events.filter((event) => event.resources[0] === created.Arn);
    expect(mine.map((event) => (event.detail as { event: string }).event)).toEqual(['IngestStart', 'IngestError']);
    expect((mine[1]?.detail as { message: string }).message).toContain('s3://clips/harvest/nothing/index.m3u8');
    expect((await fetch(created.EgressEndpoints?.[0]?.Url ?? '')).status).toBe(404);
  });

  it('fails an asset whose source names a segment that is not there', async () => {
    const broken = await putHarvestedSource(h.objectStore, 'clips', 'harvest/match-1/clip-broken');
    await h.objectStore.delete('clips', 'harvest/match-1/clip-broken/lo_00003.ts');
    await h.client.send(new CreateAssetCommand({ Id: 'clip-broken', PackagingGroupId: 'clips', SourceArn: broken.sourceArn, SourceRoleArn: ROLE }));
    await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-broken' }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'FAILED') ? true : undefined;
    });
    await h.bus.idle();
    const error = h.events.find((event) => event.resources[0]?.endsWith('/clip-broken') && (event.detail as { event: string }).event === 'IngestError');
    expect((error?.detail as { message: string }).message).toContain('lo_00003.ts: segment not found');
  });

  it.each([
    ['a segment that is not MPEG-TS', 'clip-corrupt-segment', 'harvest/match-1/clip-corrupt-segment/hi_00002.ts', 'not a video', 'hi_00002.ts: segment is not MPEG-TS'],
    ['a manifest that is not a playlist', 'clip-corrupt-manifest', 'harvest/match-1/clip-corrupt-manifest/index.m3u8', '<html>', 'not a valid HLS playlist'],
  ])('fails an asset whose source has %s', async (_, id, brokenKey, bytes, reason) => {
    const broken = await putHarvestedSource(h.objectStore, 'clips', `harvest/match-1/${id}`);
    await h.objectStore.put('clips', brokenKey, bytes);
    const created = await h.client.send(new CreateAssetCommand({ Id: id, PackagingGroupId: 'clips', SourceArn: broken.sourceArn, SourceRoleArn: ROLE }));
    await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: id }));
      return asset.EgressEndpoints?.every((endpoint) => endpoint.Status === 'FAILED') ? true : undefined;
    });
    await h.bus.idle();
    const error = h.events.find((event) => event.resources[0] === created.Arn && (event.detail as { event: string }).event === 'IngestError');
    expect((error?.detail as { message: string }).message).toContain(reason);
  });

  it('packages the next configuration once the handlers of the last VodAssetPlayable are done, as a clip turns READY', async () => {
    const handlerMs = 400;
    let handled: number | undefined;
    const playableAt: Record<string, number> = {};
    const unsubscribe = h.bus.subscribe({ detail: { event: ['VodAssetPlayable'] }, resources: [{ suffix: '/clips-hls' }] }, async (event) => {
      if (!event.resources[0]?.endsWith('/clip-order')) return;
      await new Promise((resolve) => setTimeout(resolve, handlerMs));
      handled = Date.now();
    });
    const stopWatching = h.bus.subscribe({ detail: { event: ['VodAssetPlayable'] } }, async (event) => {
      if (event.resources[0]?.endsWith('/clip-order')) playableAt[event.resources[1]?.split('/').pop() ?? ''] = Date.now();
    });
    try {
      await h.client.send(new CreateAssetCommand({ Id: 'clip-order', PackagingGroupId: 'clips', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
      await waitFor(async () => playableAt['clips-hls-low']);
      expect(handled).toBeDefined();
      expect(playableAt['clips-hls-low']).toBeGreaterThanOrEqual(handled ?? Infinity);
      expect(playableAt['clips-hls-low']).toBeGreaterThanOrEqual((playableAt['clips-hls'] ?? 0) + handlerMs);
    } finally {
      unsubscribe();
      stopWatching();
      await h.client.send(new DeleteAssetCommand({ Id: 'clip-order' }));
    }
  });

  it('ingests an asset of a group without configurations: IngestStart and IngestComplete, no endpoint', async () => {
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'empty' }));
    const created = await h.client.send(new CreateAssetCommand({ Id: 'clip-bare', PackagingGroupId: 'empty', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    expect(created.EgressEndpoints).toEqual([]);
    const mine = await waitFor(async () => {
      await h.bus.idle();
      const events = h.events.filter((event) => event.resources[0] === created.Arn);
      return events.length === 2 ? events : undefined;
    });
    expect(mine.map((event) => (event.detail as { event: string }).event)).toEqual(['IngestStart', 'IngestComplete']);
  });

  it('DeletePackagingConfiguration removes that endpoint from the asset: its URL answers 404', async () => {
    const before = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
    const lowUrl = before.EgressEndpoints?.find((endpoint) => endpoint.PackagingConfigurationId === 'clips-hls-low')?.Url ?? '';
    expect((await fetch(lowUrl)).status).toBe(200);
    await h.client.send(new DeletePackagingConfigurationCommand({ Id: 'clips-hls-low' }));
    const after = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
    expect(after.EgressEndpoints?.map((endpoint) => endpoint.PackagingConfigurationId)).toEqual(['clips-hls']);
    expect((await fetch(lowUrl)).status).toBe(404);
  });

  it('DeleteAsset removes the packaged output: its URLs answer 404', async () => {
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }));
    const url = asset.EgressEndpoints?.[0]?.Url ?? '';
    const segmentUrl = new URL(segmentUris(await (await fetch(url)).text())[0] ?? '', url);
    expect((await fetch(segmentUrl)).status).toBe(200);
    await h.client.send(new DeleteAssetCommand({ Id: 'clip-a' }));
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(segmentUrl)).status).toBe(404);
    await expect(h.client.send(new DescribeAssetCommand({ Id: 'clip-a' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
