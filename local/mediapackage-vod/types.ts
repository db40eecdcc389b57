// The records this emulator keeps. Field names are MediaPackage-VOD's wire names (camelCase JSON),
// so a record is its own API shape once the internal fields are dropped.

/** Statuses of one asset's output for one packaging configuration, as `EgressEndpoint.Status` spells them. */
export type EgressStatus = 'QUEUED' | 'PROCESSING' | 'PLAYABLE' | 'FAILED';

export type Tags = Record<string, string>;

export interface PackagingGroupRecord {
  id: string;
  arn: string;
  createdAt: string;
  authorization?: { cdnIdentifierSecret?: string; secretsRoleArn?: string };
  egressAccessLogs?: { logGroupName?: string };
  tags: Tags;
}

export type StreamOrder = 'ORIGINAL' | 'VIDEO_BITRATE_ASCENDING' | 'VIDEO_BITRATE_DESCENDING';

export interface StreamSelection {
  maxVideoBitsPerSecond?: number;
  minVideoBitsPerSecond?: number;
  streamOrder: StreamOrder;
}

export interface HlsManifest {
  adMarkers: 'NONE' | 'SCTE35_ENHANCED' | 'PASSTHROUGH';
  includeIframeOnlyStream: boolean;
  manifestName: string;
  programDateTimeIntervalSeconds: number;
  repeatExtXKey: boolean;
  streamSelection: StreamSelection;
}

export interface HlsPackage {
  hlsManifests: HlsManifest[];
  includeDvbSubtitles: boolean;
  segmentDurationSeconds: number;
  useAudioRenditionGroup: boolean;
}

/**
 * NUMBER_WITH_DURATION is refused: addressing by a nominal duration needs segments of exactly
 * that length, and remuxed segments end on the source's key frames (the last one runs over).
 */
export type SegmentTemplateFormat = 'NUMBER_WITH_TIMELINE' | 'TIME_WITH_TIMELINE';

export interface DashManifest {
  manifestLayout: 'FULL';
  manifestName: string;
  minBufferTimeSeconds: number;
  profile: 'NONE';
  scteMarkersSource: 'SEGMENTS' | 'MANIFEST';
  streamSelection: StreamSelection;
}

export interface DashPackage {
  dashManifests: DashManifest[];
  includeEncoderConfigurationInSegments: boolean;
  includeIframeOnlyStream: boolean;
  periodTriggers: 'ADS'[];
  segmentDurationSeconds: number;
  segmentTemplateFormat: SegmentTemplateFormat;
}

/** Exactly one of `hlsPackage` and `dashPackage` is set. */
export interface PackagingConfigurationRecord {
  id: string;
  arn: string;
  packagingGroupId: string;
  createdAt: string;
  hlsPackage?: HlsPackage;
  dashPackage?: DashPackage;
  tags: Tags;
}

export interface EgressEndpointRecord {
  packagingConfigurationId: string;
  status: EgressStatus;
  /**
   * Every manifest of the configuration (one per HlsManifest or DashManifest), as paths under the
   * egress origin: the URLs are made from the current origin, so they stay right when a restart
   * moves the service to another port. The first is the endpoint's `Url`, as AWS reports it.
   */
  manifestPaths: string[];
  /** The URL path element that names this configuration under the asset's egress path. */
  configKey: string;
}

export interface AssetRecord {
  id: string;
  arn: string;
  packagingGroupId: string;
  sourceArn: string;
  sourceRoleArn: string;
  resourceId?: string;
  createdAt: string;
  tags: Tags;
  /** Random, stable URL path element for this asset's egress (`/out/v1/<egressKey>/...`). */
  egressKey: string;
  egressEndpoints: EgressEndpointRecord[];
  /** Why ingest or packaging failed, for logs and DescribeAsset debugging. Not on the wire. */
  failureReason?: string;
}

/** Where progress and problems are reported, one line each (default: console.log). */
export type Log = (message: string) => void;
