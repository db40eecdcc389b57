import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateChannelCommand,
  CreateChannelGroupCommand,
  CreateOriginEndpointCommand,
  DeleteChannelCommand,
  DeleteChannelGroupCommand,
  DeleteOriginEndpointCommand,
  GetChannelCommand,
  GetChannelGroupCommand,
  GetOriginEndpointCommand,
  ListChannelGroupsCommand,
  ListChannelsCommand,
  ListOriginEndpointsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
  type MediaPackageV2Client,
} from '@aws-sdk/client-mediapackagev2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaPackageV2ApiError, startMediaPackageV2, type MediaPackageV2 } from '../../../local/mediapackage-v2/index.ts';
import { createObjectStore } from '../../../local/objectstore/index.ts';
import { mediaPackageV2Client } from './helpers.ts';

let dir: string;
let mediaPackage: MediaPackageV2;
let client: MediaPackageV2Client;
let injected: MediaPackageV2ApiError | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mediapackage-v2-'));
  mediaPackage = await startMediaPackageV2({
    dataDir: path.join(dir, 'mediapackage-v2'),
    objectStore: createObjectStore({ root: path.join(dir, 'objects') }),
    channels: [],
    fault: () => injected,
    log: () => {},
  });
  client = mediaPackageV2Client(mediaPackage.url);
});

afterAll(async () => {
  await mediaPackage?.stop();
  client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('local MediaPackage v2 resources', () => {
  it('creates, gets and lists a channel group, a channel and an origin endpoint', async () => {
    const group = await client.send(new CreateChannelGroupCommand({ ChannelGroupName: 'sports', Description: 'games', Tags: { team: 'a' } }));
    expect(group).toMatchObject({
      ChannelGroupName: 'sports',
      Arn: 'arn:aws:mediapackagev2:us-east-1:000000000000:channelGroup/sports',
      EgressDomain: new URL(mediaPackage.url).host,
      Description: 'games',
      CreatedAt: expect.any(Date),
      ETag: expect.any(String),
    });
    expect((await client.send(new GetChannelGroupCommand({ ChannelGroupName: 'sports' }))).Tags).toEqual({ team: 'a' });
    expect((await client.send(new ListChannelGroupsCommand({}))).Items?.map((item) => item.ChannelGroupName)).toEqual(['sports']);

    const channel = await client.send(new CreateChannelCommand({ ChannelGroupName: 'sports', ChannelName: 'arena' }));
    expect(channel.IngestEndpoints).toEqual([
      { Id: '1', Url: `${mediaPackage.url}/in/v1/sports/1/arena` },
      { Id: '2', Url: `${mediaPackage.url}/in/v1/sports/2/arena` },
    ]);
    expect(await client.send(new GetChannelCommand({ ChannelGroupName: 'sports', ChannelName: 'arena' }))).toMatchObject({
      Arn: 'arn:aws:mediapackagev2:us-east-1:000000000000:channelGroup/sports/channel/arena',
      InputType: 'HLS',
      IngestEndpoints: channel.IngestEndpoints,
    });
    expect((await client.send(new ListChannelsCommand({ ChannelGroupName: 'sports' }))).Items?.map((item) => item.ChannelName)).toEqual(['arena']);

    const endpoint = await client.send(
      new CreateOriginEndpointCommand({
        ChannelGroupName: 'sports',
        ChannelName: 'arena',
        OriginEndpointName: 'hls',
        ContainerType: 'TS',
        StartoverWindowSeconds: 600,
        HlsManifests: [{ ManifestName: 'main', ManifestWindowSeconds: 30 }],
      }),
    );
    const url = `${mediaPackage.url}/out/v1/sports/arena/hls/main.m3u8`;
    expect(endpoint).toMatchObject({ ContainerType: 'TS', StartoverWindowSeconds: 600, HlsManifests: [{ ManifestName: 'main', ManifestWindowSeconds: 30, Url: url }] });
    const got = await client.send(new GetOriginEndpointCommand({ ChannelGroupName: 'sports', ChannelName: 'arena', OriginEndpointName: 'hls' }));
    expect(got.HlsManifests?.[0]?.Url).toBe(url);
    const listed = await client.send(new ListOriginEndpointsCommand({ ChannelGroupName: 'sports', ChannelName: 'arena' }));
    expect(listed.Items).toEqual([expect.objectContaining({ OriginEndpointName: 'hls', HlsManifests: [{ ManifestName: 'main', Url: url }] })]);
    // Nothing ingested yet: the manifest is there, its content is not.
    expect((await fetch(url)).status).toBe(404);
  });

  it('answers unknown resources with ResourceNotFoundException naming their type', async () => {
    await expect(client.send(new GetChannelGroupCommand({ ChannelGroupName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceTypeNotFound: 'CHANNEL_GROUP',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(client.send(new GetChannelCommand({ ChannelGroupName: 'sports', ChannelName: 'nope' }))).rejects.toMatchObject({
      ResourceTypeNotFound: 'CHANNEL',
    });
    await expect(
      client.send(new GetOriginEndpointCommand({ ChannelGroupName: 'sports', ChannelName: 'arena', OriginEndpointName: 'nope' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses duplicates, resources in use and invalid members', async () => {
    await expect(client.send(new CreateChannelGroupCommand({ ChannelGroupName: 'sports' }))).rejects.toMatchObject({
      name: 'ConflictException',
      ConflictExceptionType: 'RESOURCE_ALREADY_EXISTS',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(client.send(new DeleteChannelGroupCommand({ ChannelGroupName: 'sports' }))).rejects.toMatchObject({
      ConflictExceptionType: 'RESOURCE_IN_USE',
    });
    const invalid = client.send(new CreateChannelGroupCommand({ ChannelGroupName: 'has space' }));
    await expect(invalid).rejects.toBeInstanceOf(ValidationException);
    await expect(invalid).rejects.toMatchObject({
      ValidationExceptionType: 'MEMBER_DOES_NOT_MATCH_PATTERN',
      message: expect.stringMatching(/ChannelGroupName/),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      client.send(
        new CreateOriginEndpointCommand({
          ChannelGroupName: 'sports',
          ChannelName: 'arena',
          OriginEndpointName: 'short',
          ContainerType: 'TS',
          StartoverWindowSeconds: 10,
          HlsManifests: [{ ManifestName: 'main' }],
        }),
      ),
    ).rejects.toMatchObject({ ValidationExceptionType: 'MEMBER_MIN_VALUE', message: expect.stringMatching(/StartoverWindowSeconds/) });
    await expect(
      client.send(
        new CreateOriginEndpointCommand({ ChannelGroupName: 'sports', ChannelName: 'arena', OriginEndpointName: 'dash', ContainerType: 'TS', DashManifests: [{ ManifestName: 'd' }] }),
      ),
    ).rejects.toMatchObject({ ValidationExceptionType: 'TS_CONTAINER_TYPE_WITH_DASH_MANIFEST' });
  });

  it('pages lists and holds the channel-group quota', async () => {
    await client.send(new CreateChannelGroupCommand({ ChannelGroupName: 'news' }));
    await client.send(new CreateChannelGroupCommand({ ChannelGroupName: 'music' }));
    await expect(client.send(new CreateChannelGroupCommand({ ChannelGroupName: 'fourth' }))).rejects.toBeInstanceOf(ServiceQuotaExceededException);
    const first = await client.send(new ListChannelGroupsCommand({ MaxResults: 2 }));
    expect(first.Items?.map((item) => item.ChannelGroupName)).toEqual(['sports', 'news']);
    const second = await client.send(new ListChannelGroupsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Items?.map((item) => item.ChannelGroupName)).toEqual(['music']);
    expect(second.NextToken).toBeUndefined();
    await expect(client.send(new ListChannelGroupsCommand({ MaxResults: 101 }))).rejects.toMatchObject({
      ValidationExceptionType: 'INVALID_PAGINATION_MAX_RESULTS',
    });
  });

  it('answers as AWS may through the fault hook (throttled)', async () => {
    injected = new MediaPackageV2ApiError('ThrottlingException', 'Rate exceeded');
    // The SDK retries throttling: a client that tries once sees it.
    const once = mediaPackageV2Client(mediaPackage.url, { maxAttempts: 1 });
    try {
      await expect(once.send(new ListChannelGroupsCommand({}))).rejects.toMatchObject({
        name: 'ThrottlingException',
        message: 'Rate exceeded',
        $metadata: { httpStatusCode: 429 },
      });
    } finally {
      injected = undefined;
      once.destroy();
    }
    await expect(client.send(new ListChannelGroupsCommand({}))).resolves.toMatchObject({ Items: expect.any(Array) });
  });

  it('deletes an origin endpoint, a channel and a channel group, innermost first', async () => {
    await client.send(new DeleteOriginEndpointCommand({ ChannelGroupName: 'sports', ChannelName: 'arena', OriginEndpointName: 'hls' }));
    await client.send(new DeleteChannelCommand({ ChannelGroupName: 'sports', ChannelName: 'arena' }));
    await client.send(new DeleteChannelGroupCommand({ ChannelGroupName: 'sports' }));
    await expect(client.send(new GetChannelGroupCommand({ ChannelGroupName: 'sports' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteChannelGroupCommand({ ChannelGroupName: 'sports' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
