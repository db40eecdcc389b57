// Channel groups, channels and origin endpoints: MediaPackage v2's resource tree. A channel owns
// the origin's archive and ingest (local/mediapackage/), whatever endpoints package it.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ChannelArchive, ChannelIngest } from '../mediapackage/index.ts';
import { ConflictError, MediaPackageV2ApiError, ResourceNotFoundError } from './api/errors.ts';

interface Versioned {
  arn: string;
  description: string | undefined;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  /** Changes on every modification (the model: "used for concurrency control"). */
  eTag: string;
}

export interface HlsManifest {
  manifestName: string;
  childManifestName: string | undefined;
  manifestWindowSeconds: number;
  programDateTimeIntervalSeconds: number | undefined;
}

export interface OriginEndpoint extends Versioned {
  channelGroupName: string;
  channelName: string;
  originEndpointName: string;
  containerType: 'TS';
  startoverWindowSeconds: number | undefined;
  segment: { segmentDurationSeconds: number; segmentName: string };
  hlsManifests: HlsManifest[];
}

export interface Channel extends Versioned {
  channelGroupName: string;
  channelName: string;
  archive: ChannelArchive;
  ingest: ChannelIngest;
  endpoints: Map<string, OriginEndpoint>;
}

export interface ChannelGroup extends Versioned {
  channelGroupName: string;
  channels: Map<string, Channel>;
}

/** The default quotas of the v2 user guide ("Quotas in AWS Elemental MediaPackage", soft quotas). */
const QUOTAS = { channelGroups: 3, channelsPerGroup: 10, endpointsPerChannel: 10 };

export const newETag = (): string => randomUUID().replaceAll('-', '');

export interface ResourceOptions {
  /** Where channels keep their archive and staging. */
  root: string;
  region: string;
  account: string;
  log: (message: string) => void;
}

export class Resources {
  readonly groups = new Map<string, ChannelGroup>();

  constructor(private readonly options: ResourceOptions) {}

  arnOf(...path: string[]): string {
    return `arn:aws:mediapackagev2:${this.options.region}:${this.options.account}:${path.join('/')}`;
  }

  private versioned(description: string | undefined, tags: Record<string, string>, ...arnPath: string[]): Versioned {
    const now = Date.now();
    return { arn: this.arnOf(...arnPath), description, tags, createdAt: now, modifiedAt: now, eTag: newETag() };
  }

  createGroup(channelGroupName: string, description: string | undefined, tags: Record<string, string>): ChannelGroup {
    if (this.groups.has(channelGroupName)) throw new ConflictError('RESOURCE_ALREADY_EXISTS', `ChannelGroup ${channelGroupName} already exists`);
    if (this.groups.size >= QUOTAS.channelGroups) throw quotaExceeded(`${QUOTAS.channelGroups} channel groups per account`);
    const group = { ...this.versioned(description, tags, 'channelGroup', channelGroupName), channelGroupName, channels: new Map() };
    this.groups.set(channelGroupName, group);
    return group;
  }

  group(channelGroupName: string): ChannelGroup {
    const group = this.groups.get(channelGroupName);
    if (!group) throw new ResourceNotFoundError('CHANNEL_GROUP', `ChannelGroup ${channelGroupName} not found`);
    return group;
  }

  deleteGroup(channelGroupName: string): void {
    const group = this.group(channelGroupName);
    if (group.channels.size > 0) throw new ConflictError('RESOURCE_IN_USE', `ChannelGroup ${channelGroupName} still has channels`);
    this.groups.delete(channelGroupName);
  }

  async createChannel(channelGroupName: string, channelName: string, description: string | undefined, tags: Record<string, string>): Promise<Channel> {
    const group = this.group(channelGroupName);
    if (group.channels.has(channelName)) throw new ConflictError('RESOURCE_ALREADY_EXISTS', `Channel ${channelName} already exists in ${channelGroupName}`);
    if (group.channels.size >= QUOTAS.channelsPerGroup) throw quotaExceeded(`${QUOTAS.channelsPerGroup} channels per channel group`);
    const dir = this.channelDir(channelGroupName, channelName);
    const archive = await ChannelArchive.open(path.join(dir, 'archive'));
    // Uploads a stopped origin left half-staged belong to no playlist any more.
    await ChannelIngest.clearStaging(path.join(dir, 'staging'));
    const ingest = new ChannelIngest(channelName, archive, path.join(dir, 'staging'), this.options.log);
    const channel: Channel = {
      ...this.versioned(description, tags, 'channelGroup', channelGroupName, 'channel', channelName),
      channelGroupName,
      channelName,
      archive,
      ingest,
      endpoints: new Map(),
    };
    group.channels.set(channelName, channel);
    return channel;
  }

  findChannel(channelGroupName: string, channelName: string): Channel | undefined {
    return this.groups.get(channelGroupName)?.channels.get(channelName);
  }

  channel(channelGroupName: string, channelName: string): Channel {
    const channel = this.group(channelGroupName).channels.get(channelName);
    if (!channel) throw new ResourceNotFoundError('CHANNEL', `Channel ${channelName} not found in ${channelGroupName}`);
    return channel;
  }

  async deleteChannel(channelGroupName: string, channelName: string): Promise<void> {
    const channel = this.channel(channelGroupName, channelName);
    if (channel.endpoints.size > 0) throw new ConflictError('RESOURCE_IN_USE', `Channel ${channelName} still has origin endpoints`);
    this.group(channelGroupName).channels.delete(channelName);
    await rm(this.channelDir(channelGroupName, channelName), { recursive: true, force: true });
  }

  addEndpoint(channel: Channel, endpoint: Omit<OriginEndpoint, keyof Versioned>, description: string | undefined, tags: Record<string, string>): OriginEndpoint {
    const { channelGroupName, channelName, originEndpointName } = endpoint;
    if (channel.endpoints.has(originEndpointName)) {
      throw new ConflictError('RESOURCE_ALREADY_EXISTS', `OriginEndpoint ${originEndpointName} already exists on ${channelName}`);
    }
    if (channel.endpoints.size >= QUOTAS.endpointsPerChannel) throw quotaExceeded(`${QUOTAS.endpointsPerChannel} origin endpoints per channel`);
    const created = {
      ...this.versioned(description, tags, 'channelGroup', channelGroupName, 'channel', channelName, 'originEndpoint', originEndpointName),
      ...endpoint,
    };
    channel.endpoints.set(originEndpointName, created);
    return created;
  }

  endpoint(channelGroupName: string, channelName: string, originEndpointName: string): OriginEndpoint {
    const endpoint = this.channel(channelGroupName, channelName).endpoints.get(originEndpointName);
    if (!endpoint) throw new ResourceNotFoundError('ORIGIN_ENDPOINT', `OriginEndpoint ${originEndpointName} not found on ${channelName}`);
    return endpoint;
  }

  deleteEndpoint(channelGroupName: string, channelName: string, originEndpointName: string): void {
    this.endpoint(channelGroupName, channelName, originEndpointName);
    this.channel(channelGroupName, channelName).endpoints.delete(originEndpointName);
  }

  channels(): Channel[] {
    return [...this.groups.values()].flatMap((group) => [...group.channels.values()]);
  }

  /** Drops content older than every endpoint of its channel shows (startover or live window). */
  async prune(now: number): Promise<void> {
    for (const channel of this.channels()) {
      const windows = [...channel.endpoints.values()].flatMap((endpoint) => [
        endpoint.startoverWindowSeconds ?? 0,
        ...endpoint.hlsManifests.map((manifest) => manifest.manifestWindowSeconds),
      ]);
      if (windows.length > 0) await channel.archive.prune(now - Math.max(...windows) * 1000);
    }
  }

  private channelDir(channelGroupName: string, channelName: string): string {
    return path.join(this.options.root, 'channels', channelGroupName, channelName);
  }
}

function quotaExceeded(quota: string): MediaPackageV2ApiError {
  return new MediaPackageV2ApiError('ServiceQuotaExceededException', `Quota exceeded: ${quota}`);
}
