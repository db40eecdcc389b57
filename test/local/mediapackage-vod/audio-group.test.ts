import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateAssetCommand,
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DescribeAssetCommand,
} from '@aws-sdk/client-mediapackage-vod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../../local/ffmpeg/index.ts';
import { putHarvestedSource, type HarvestedSource } from './harvested-source.ts';
import { decodeProblems } from '../../support/decode.ts';
import { startHarness, waitFor, type Harness } from './harness.ts';

const run = promisify(execFile);
const ROLE = 'arn:aws:iam::123456789012:role/MediaPackageVodSourceRole';

/** The stream kinds ffmpeg finds in a URL ('Video', 'Audio'). */
async function streamKinds(url: string): Promise<string[]> {
  const { path: ffmpeg } = await findFfmpeg();
  const { stderr } = await run(ffmpeg, ['-hide_banner', '-i', url]).catch((error: { stderr: string }) => error);
  return [...stderr.matchAll(/Stream #\d+:\d+.*?: (Video|Audio):/g)].map((match) => match[1] ?? '');
}

function uris(playlist: string): string[] {
  return playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

describe('HLS with UseAudioRenditionGroup', () => {
  let h: Harness;
  let source: HarvestedSource;
  let url: string;

  beforeAll(async () => {
    h = await startHarness();
    source = await putHarvestedSource(h.objectStore, 'clips', 'harvest/audio/clip');
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'vod' }));
    await h.client.send(
      new CreatePackagingConfigurationCommand({
        Id: 'hls-audio',
        PackagingGroupId: 'vod',
        HlsPackage: { UseAudioRenditionGroup: true, SegmentDurationSeconds: 4, HlsManifests: [{ ManifestName: 'index' }] },
      }),
    );
    await h.client.send(new CreateAssetCommand({ Id: 'clip', PackagingGroupId: 'vod', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    url = await waitFor(async () => {
      const asset = await h.client.send(new DescribeAssetCommand({ Id: 'clip' }));
      const endpoint = asset.EgressEndpoints?.[0];
      return endpoint?.Status === 'PLAYABLE' ? endpoint.Url : undefined;
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists one audio rendition group that every variant names', async () => {
    const multivariant = await (await fetch(url)).text();
    expect(multivariant).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio_aac",NAME="audio",DEFAULT=YES,AUTOSELECT=YES,URI="index_audio.m3u8"');
    const streamInfs = multivariant.split('\n').filter((line) => line.startsWith('#EXT-X-STREAM-INF:'));
    expect(streamInfs).toHaveLength(2);
    for (const line of streamInfs) expect(line).toContain('AUDIO="audio_aac"');
  });

  it('serves video-only variants and an audio-only rendition that add up to the source and decode', async () => {
    const multivariant = await (await fetch(url)).text();
    for (const mediaUri of [...uris(multivariant), 'index_audio.m3u8']) {
      const mediaUrl = new URL(mediaUri, url);
      const media = await (await fetch(mediaUrl)).text();
      expect(media.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
      const total = [...media.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      expect(total).toBeCloseTo(source.durations[0] ?? 0, 2);
      const expected = mediaUri === 'index_audio.m3u8' ? ['Audio'] : ['Video'];
      for (const segmentUri of uris(media)) {
        const segmentUrl = new URL(segmentUri, mediaUrl).href;
        expect(await streamKinds(segmentUrl)).toEqual(expected);
        expect(await decodeProblems(segmentUrl)).toBe('');
      }
    }
  });
});
