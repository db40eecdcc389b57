import {
  CreateAssetCommand,
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DeleteAssetCommand,
  DeletePackagingConfigurationCommand,
  DeletePackagingGroupCommand,
  DescribePackagingConfigurationCommand,
  DescribePackagingGroupCommand,
  ListAssetsCommand,
  ListPackagingConfigurationsCommand,
  ListPackagingGroupsCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  TagResourceCommand,
  UnprocessableEntityException,
  UntagResourceCommand,
  paginateListAssets,
} from '@aws-sdk/client-mediapackage-vod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/MediaPackageVodSourceRole';
const HLS = { HlsManifests: [{ ManifestName: 'index' }] };

describe('MediaPackage-VOD REST API through the AWS SDK', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  it('creates, describes and lists packaging groups with ARNs and the egress domain', async () => {
    const created = await h.client.send(new CreatePackagingGroupCommand({ Id: 'vod', Tags: { team: 'clips' } }));
    expect(created).toMatchObject({
      Id: 'vod',
      Arn: 'arn:aws:mediapackage-vod:eu-west-1:123456789012:packaging-groups/vod',
      DomainName: h.vod.egressBaseUrl,
      Tags: { team: 'clips' },
    });
    expect(await h.client.send(new DescribePackagingGroupCommand({ Id: 'vod' }))).toMatchObject({ Id: 'vod', ApproximateAssetCount: 0 });
    const listed = await h.client.send(new ListPackagingGroupsCommand({}));
    expect(listed.PackagingGroups?.map((group) => group.Id)).toEqual(['vod']);
  });

  it('refuses a duplicate or malformed packaging group id, and describes an unknown one as NotFound', async () => {
    await expect(h.client.send(new CreatePackagingGroupCommand({ Id: 'vod' }))).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(h.client.send(new CreatePackagingGroupCommand({ Id: 'has spaces' }))).rejects.toMatchObject({
      name: 'UnprocessableEntityException',
      $metadata: { httpStatusCode: 422 },
    });
    const missing = h.client.send(new DescribePackagingGroupCommand({ Id: 'nope' }));
    await expect(missing).rejects.toBeInstanceOf(NotFoundException);
    await expect(missing).rejects.toMatchObject({ message: "PackagingGroup 'nope' not found" });
  });

  it('creates an HLS packaging configuration with AWS defaults filled in', async () => {
    const created = await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'hls', PackagingGroupId: 'vod', HlsPackage: HLS }));
    expect(created.Arn).toBe('arn:aws:mediapackage-vod:eu-west-1:123456789012:packaging-configurations/hls');
    expect(created.HlsPackage).toEqual({
      SegmentDurationSeconds: 6,
      UseAudioRenditionGroup: false,
      IncludeDvbSubtitles: false,
      HlsManifests: [
        { ManifestName: 'index', AdMarkers: 'NONE', IncludeIframeOnlyStream: false, ProgramDateTimeIntervalSeconds: 0, RepeatExtXKey: false, StreamSelection: { StreamOrder: 'ORIGINAL' } },
      ],
    });
    expect(await h.client.send(new DescribePackagingConfigurationCommand({ Id: 'hls' }))).toMatchObject({ Id: 'hls', PackagingGroupId: 'vod' });
    const listed = await h.client.send(new ListPackagingConfigurationsCommand({ PackagingGroupId: 'vod' }));
    expect(listed.PackagingConfigurations?.map((configuration) => configuration.Id)).toEqual(['hls']);
  });

  it('refuses configurations it cannot honour with a clear UnprocessableEntityException', async () => {
    const cmaf = h.client.send(
      new CreatePackagingConfigurationCommand({ Id: 'cmaf', PackagingGroupId: 'vod', CmafPackage: { HlsManifests: [{ ManifestName: 'index' }] } }),
    );
    await expect(cmaf).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(cmaf).rejects.toMatchObject({ message: expect.stringContaining('CMAF packaging is not supported') });
    await expect(
      h.client.send(new CreatePackagingConfigurationCommand({ Id: 'both', PackagingGroupId: 'vod', HlsPackage: HLS, DashPackage: { DashManifests: [{}] } })),
    ).rejects.toMatchObject({ name: 'UnprocessableEntityException', message: 'exactly one of hlsPackage and dashPackage is required' });
    await expect(
      h.client.send(
        new CreatePackagingConfigurationCommand({ Id: 'compact', PackagingGroupId: 'vod', DashPackage: { DashManifests: [{ ManifestLayout: 'COMPACT' }] } }),
      ),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(
      h.client.send(new CreatePackagingConfigurationCommand({ Id: 'other', PackagingGroupId: 'no-such-group', HlsPackage: HLS })),
    ).rejects.toMatchObject({ name: 'UnprocessableEntityException', message: "PackagingGroup 'no-such-group' does not exist" });
    await expect(h.client.send(new CreatePackagingConfigurationCommand({ Id: 'hls', PackagingGroupId: 'vod', HlsPackage: HLS }))).rejects.toMatchObject({
      name: 'UnprocessableEntityException',
      message: "PackagingConfiguration 'hls' already exists",
    });
    await expect(
      h.client.send(
        new CreatePackagingConfigurationCommand({ Id: 'iframes', PackagingGroupId: 'vod', HlsPackage: { HlsManifests: [{ IncludeIframeOnlyStream: true }] } }),
      ),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(
      h.client.send(
        new CreatePackagingConfigurationCommand({
          Id: 'by-duration',
          PackagingGroupId: 'vod',
          DashPackage: { SegmentTemplateFormat: 'NUMBER_WITH_DURATION', DashManifests: [{}] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnprocessableEntityException', message: expect.stringContaining('NUMBER_WITH_DURATION is not supported') });
  });

  it('creates assets with one QUEUED egress endpoint per configuration of the group', async () => {
    const created = await h.client.send(
      new CreateAssetCommand({
        Id: 'asset-1',
        PackagingGroupId: 'vod',
        SourceArn: 'arn:aws:s3:::clips/harvest/one/index.m3u8',
        SourceRoleArn: ROLE,
        ResourceId: 'resource-1',
        Tags: { match: '1' },
      }),
    );
    expect(created).toMatchObject({
      Id: 'asset-1',
      Arn: 'arn:aws:mediapackage-vod:eu-west-1:123456789012:assets/asset-1',
      PackagingGroupId: 'vod',
      SourceArn: 'arn:aws:s3:::clips/harvest/one/index.m3u8',
      SourceRoleArn: ROLE,
      ResourceId: 'resource-1',
      Tags: { match: '1' },
      EgressEndpoints: [{ PackagingConfigurationId: 'hls', Status: 'QUEUED', Url: expect.stringMatching(/\/index\.m3u8$/) }],
    });
    expect(Date.parse(created.CreatedAt ?? '')).not.toBeNaN();
  });

  it('refuses an asset for an unknown group, a duplicate id, a source that is not an S3 ARN, a role that is not a role', async () => {
    const base = { Id: 'asset-x', PackagingGroupId: 'vod', SourceArn: 'arn:aws:s3:::clips/x/index.m3u8', SourceRoleArn: ROLE };
    await expect(h.client.send(new CreateAssetCommand({ ...base, PackagingGroupId: 'ghost' }))).rejects.toMatchObject({
      name: 'UnprocessableEntityException',
      message: "PackagingGroup 'ghost' does not exist",
    });
    await expect(h.client.send(new CreateAssetCommand({ ...base, Id: 'asset-1' }))).rejects.toMatchObject({
      name: 'UnprocessableEntityException',
      message: "Asset 'asset-1' already exists",
    });
    await expect(h.client.send(new CreateAssetCommand({ ...base, SourceArn: 's3://clips/x/index.m3u8' }))).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(h.client.send(new CreateAssetCommand({ ...base, SourceRoleArn: 'not-a-role' }))).rejects.toBeInstanceOf(UnprocessableEntityException);
  });

  it('lists assets by packaging group, page by page', async () => {
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'other' }));
    for (const id of ['asset-2', 'asset-3', 'asset-4']) {
      await h.client.send(new CreateAssetCommand({ Id: id, PackagingGroupId: 'vod', SourceArn: `arn:aws:s3:::clips/${id}/index.m3u8`, SourceRoleArn: ROLE }));
    }
    await h.client.send(new CreateAssetCommand({ Id: 'elsewhere', PackagingGroupId: 'other', SourceArn: 'arn:aws:s3:::clips/e/index.m3u8', SourceRoleArn: ROLE }));

    const first = await h.client.send(new ListAssetsCommand({ PackagingGroupId: 'vod', MaxResults: 3 }));
    expect(first.Assets?.map((asset) => asset.Id)).toEqual(['asset-1', 'asset-2', 'asset-3']);
    expect(first.NextToken).toBeTypeOf('string');
    const second = await h.client.send(new ListAssetsCommand({ PackagingGroupId: 'vod', MaxResults: 3, NextToken: first.NextToken }));
    expect(second.Assets?.map((asset) => asset.Id)).toEqual(['asset-4']);
    expect(second.NextToken).toBeUndefined();

    const all: string[] = [];
    for await (const page of paginateListAssets({ client: h.client, pageSize: 2 }, {})) all.push(...(page.Assets ?? []).map((asset) => asset.Id ?? ''));
    expect(all).toEqual(['asset-1', 'asset-2', 'asset-3', 'asset-4', 'elsewhere']);
    expect(await h.client.send(new DescribePackagingGroupCommand({ Id: 'vod' }))).toMatchObject({ ApproximateAssetCount: 4 });
  });

  it('tags and untags resources by ARN', async () => {
    const arn = 'arn:aws:mediapackage-vod:eu-west-1:123456789012:assets/asset-1';
    await h.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { season: '2026' } }));
    expect((await h.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ match: '1', season: '2026' });
    await h.client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['match'] }));
    expect((await h.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ season: '2026' });
  });

  it('deletes assets, then configurations, then the empty group; a group in use cannot be deleted', async () => {
    await expect(h.client.send(new DeletePackagingGroupCommand({ Id: 'vod' }))).rejects.toBeInstanceOf(UnprocessableEntityException);
    for (const id of ['asset-1', 'asset-2', 'asset-3', 'asset-4']) await h.client.send(new DeleteAssetCommand({ Id: id }));
    await expect(h.client.send(new DeleteAssetCommand({ Id: 'asset-1' }))).rejects.toBeInstanceOf(NotFoundException);
    expect((await h.client.send(new ListAssetsCommand({ PackagingGroupId: 'vod' }))).Assets).toEqual([]);
    await h.client.send(new DeletePackagingConfigurationCommand({ Id: 'hls' }));
    await expect(h.client.send(new DescribePackagingConfigurationCommand({ Id: 'hls' }))).rejects.toBeInstanceOf(NotFoundException);
    await h.client.send(new DeletePackagingGroupCommand({ Id: 'vod' }));
    await expect(h.client.send(new DescribePackagingGroupCommand({ Id: 'vod' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
