// Resources as MediaPackage v2 returns them (restJson1: PascalCase members, timestamps in epoch
// seconds, as @aws-sdk/client-mediapackagev2's deserializers read them with parseEpochTimestamp).
import type { HarvestJob } from '../harvest/jobs.ts';
import type { Channel, ChannelGroup, OriginEndpoint } from '../resources.ts';
import { INGEST_ENDPOINT_IDS, type Urls } from '../urls.ts';

const epochSeconds = (ms: number): number => ms / 1000;

const optional = (name: string, value: unknown) => (value === undefined ? {} : { [name]: value });

export function channelGroupSummary(group: ChannelGroup) {
  return {
    Arn: group.arn,
    ChannelGroupName: group.channelGroupName,
    CreatedAt: epochSeconds(group.createdAt),
    ModifiedAt: epochSeconds(group.modifiedAt),
    ...optional('Description', group.description),
  };
}

export function channelGroupWire(group: ChannelGroup, urls: Urls) {
  // GetChannelGroup's tags travel as `tags` and CreateChannelGroup's as `Tags` (the SDK's deserializers).
  return { ...channelGroupSummary(group), EgressDomain: urls.egressDomain(), ETag: group.eTag, Tags: group.tags, tags: group.tags };
}

export function channelSummary(channel: Channel) {
  return {
    Arn: channel.arn,
    ChannelGroupName: channel.channelGroupName,
    ChannelName: channel.channelName,
    CreatedAt: epochSeconds(channel.createdAt),
    ModifiedAt: epochSeconds(channel.modifiedAt),
    InputType: 'HLS',
    ...optional('Description', channel.description),
  };
}

export function channelWire(channel: Channel, urls: Urls) {
  return {
    ...channelSummary(channel),
    ETag: channel.eTag,
    IngestEndpoints: INGEST_ENDPOINT_IDS.map((id) => ({ Id: id, Url: urls.ingest(channel, id) })),
    Tags: channel.tags,
  };
}

export function endpointSummary(endpoint: OriginEndpoint, urls: Urls) {
  return {
    Arn: endpoint.arn,
    ChannelGroupName: endpoint.channelGroupName,
    ChannelName: endpoint.channelName,
    OriginEndpointName: endpoint.originEndpointName,
    ContainerType: endpoint.containerType,
    CreatedAt: epochSeconds(endpoint.createdAt),
    ModifiedAt: epochSeconds(endpoint.modifiedAt),
    ...optional('Description', endpoint.description),
    HlsManifests: endpoint.hlsManifests.map((manifest) => ({
      ManifestName: manifest.manifestName,
      ...optional('ChildManifestName', manifest.childManifestName),
      Url: urls.manifest(endpoint, manifest.manifestName),
    })),
  };
}

export function endpointWire(endpoint: OriginEndpoint, urls: Urls) {
  return {
    ...endpointSummary(endpoint, urls),
    ETag: endpoint.eTag,
    Segment: { SegmentDurationSeconds: endpoint.segment.segmentDurationSeconds, SegmentName: endpoint.segment.segmentName },
    ...optional('StartoverWindowSeconds', endpoint.startoverWindowSeconds),
    HlsManifests: endpoint.hlsManifests.map((manifest) => ({
      ManifestName: manifest.manifestName,
      ...optional('ChildManifestName', manifest.childManifestName),
      ManifestWindowSeconds: manifest.manifestWindowSeconds,
      ...optional('ProgramDateTimeIntervalSeconds', manifest.programDateTimeIntervalSeconds),
      Url: urls.manifest(endpoint, manifest.manifestName),
    })),
    DashManifests: [],
    LowLatencyHlsManifests: [],
    Tags: endpoint.tags,
  };
}

export function harvestJobWire(job: HarvestJob) {
  return {
    Arn: job.arn,
    ChannelGroupName: job.channelGroupName,
    ChannelName: job.channelName,
    OriginEndpointName: job.originEndpointName,
    HarvestJobName: job.harvestJobName,
    ...optional('Description', job.description),
    Destination: { S3Destination: { BucketName: job.bucketName, DestinationPath: job.destinationPath } },
    HarvestedManifests: { HlsManifests: job.hlsManifests.map((name) => ({ ManifestName: name })) },
    ScheduleConfiguration: { StartTime: epochSeconds(job.startMs), EndTime: epochSeconds(job.endMs) },
    CreatedAt: epochSeconds(job.createdAt),
    ModifiedAt: epochSeconds(job.modifiedAt),
    Status: job.status,
    ...optional('ErrorMessage', job.errorMessage),
    ETag: job.eTag,
    Tags: job.tags,
  };
}
