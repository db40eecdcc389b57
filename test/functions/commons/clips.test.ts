// Names derived from a clip, and the way back: the handlers find a clip from its harvest job or
// asset with no lookup, and leave alone the jobs and assets this project did not make.
import { describe, expect, it } from 'vitest';
import { assetIdFor, assetIdOfArn, clipKeyOf, harvestJobIdFor, manifestKeyFor, packagingConfigurationIdOfArn } from '../../../functions/commons/clips.ts';

const clip = { competition: 'world_cup-2026', clipId: '20261125T045438892Z-01J9ZK7Q3M5N8P2R' };

describe('clip resource names', () => {
  it.each([
    ['harvest job id', harvestJobIdFor(clip)],
    ['asset id', assetIdFor(clip)],
  ])('lead back from the %s to the clip, even when the competition holds "_"', (_name, id) => {
    expect(id).toBe('world_cup-2026_20261125T045438892Z-01J9ZK7Q3M5N8P2R');
    expect(clipKeyOf(id)).toEqual(clip);
  });

  it('keep harvests per competition', () => {
    expect(manifestKeyFor(clip)).toBe('world_cup-2026/20261125T045438892Z-01J9ZK7Q3M5N8P2R/index.m3u8');
  });

  it.each(['someone-elses-job', 'final_not-a-clip-id', '_20261125T045438892Z-01J9ZK7Q3M5N8P2R', 'final_20261125T045438892Z-01j9zk7q3m5n8p2r'])(
    'name no clip for "%s"',
    (id) => {
      expect(clipKeyOf(id)).toBeUndefined();
    },
  );

  it('read the asset id from an asset ARN, and nothing from other ARNs', () => {
    expect(assetIdOfArn('arn:aws:mediapackage-vod:eu-west-1:123456789012:assets/final_x')).toBe('final_x');
    expect(assetIdOfArn('arn:aws:mediapackage-vod:eu-west-1:123456789012:packaging-configurations/hls')).toBeUndefined();
  });

  it.each([
    // AWS's example VodAssetPlayable event (MediaPackage user guide, "AWS Elemental MediaPackage events").
    ['the documented event resource', 'arn:aws:mediapackage-vod:us-west-2:111122223333:packaging_configuration/clips-hls'],
    // The configuration's own ARN (Service Authorization Reference, MediaPackage VOD resource types).
    ['the configuration ARN', 'arn:aws:mediapackage-vod:us-west-2:111122223333:packaging-configurations/clips-hls'],
  ])('read the packaging configuration id from %s', (_name, arn) => {
    expect(packagingConfigurationIdOfArn(arn)).toBe('clips-hls');
  });

  it.each([
    'arn:aws:mediapackage-vod:us-west-2:111122223333:assets/clips-hls',
    'arn:aws:mediapackage-vod:us-west-2:111122223333:packaging-groups/clips-hls',
    'arn:aws:mediapackage:us-west-2:111122223333:packaging_configuration/clips-hls',
  ])('read no packaging configuration id from %s', (arn) => {
    expect(packagingConfigurationIdOfArn(arn)).toBeUndefined();
  });
});
