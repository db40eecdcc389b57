// An optional live channel for trying the system without an encoder of your own, as the seed's
// workshop stack has: a MediaLive input looping an MP4 file from S3 -> a MediaPackage channel ->
// an HLS origin endpoint with a startover window, which is what clips are harvested from.
// It costs money while the MediaLive channel runs: the channel is created idle and started by
// hand (see infra/README.md).
import * as iam from 'aws-cdk-lib/aws-iam';
import * as medialive from 'aws-cdk-lib/aws-medialive';
import * as mediapackage from 'aws-cdk-lib/aws-mediapackage';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface LiveChannelSource {
  /** The bucket holding the file; MediaLive reads it with the channel's role. */
  readonly bucket: s3.IBucket;
  /** An MP4 file (H.264/AAC), looped forever. */
  readonly key: string;
}

export interface LiveChannelProps {
  readonly source: LiveChannelSource;
  /** The MediaPackage channel's id (unique per account and region). @default 'clips-live' */
  readonly channelId?: string;
  /** The HLS origin endpoint's id, which startHarvest harvests from. @default '<channelId>-hls' */
  readonly originEndpointId?: string;
  /**
   * How far back the origin keeps the stream, so how far back clips may start.
   * @default 3600
   */
  readonly startoverWindowSeconds?: number;
  /** @default 6 */
  readonly segmentDurationSeconds?: number;
}

export class LiveChannelError extends Error {
  override readonly name = 'LiveChannelError';
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
// MediaPackage's limit for the startover window: 14 days.
const MAX_STARTOVER_SECONDS = 1_209_600;

/** Two H.264 renditions and AAC stereo: enough for an adaptive player to switch. */
const RENDITIONS = [
  { name: '720p', width: 1280, height: 720, bitrate: 3_000_000 },
  { name: '360p', width: 640, height: 360, bitrate: 800_000 },
] as const;

export class LiveChannel extends Construct {
  readonly originEndpointId: string;
  /** The live HLS playback URL (the origin endpoint's). */
  readonly playbackUrl: string;
  /** Start and stop this MediaLive channel to run the stream (it is created idle). */
  readonly mediaLiveChannelId: string;
  readonly startoverWindowSeconds: number;

  constructor(scope: Construct, id: string, props: LiveChannelProps) {
    super(scope, id);
    const channelId = props.channelId ?? 'clips-live';
    this.originEndpointId = props.originEndpointId ?? `${channelId}-hls`;
    this.startoverWindowSeconds = props.startoverWindowSeconds ?? 3600;
    const segmentSeconds = props.segmentDurationSeconds ?? 6;
    for (const [name, value] of [['channelId', channelId], ['originEndpointId', this.originEndpointId]] as const) {
      if (!ID_PATTERN.test(value)) throw new LiveChannelError(`${name} '${value}' must be letters, digits, '_' or '-'`);
    }
    if (!Number.isInteger(this.startoverWindowSeconds) || this.startoverWindowSeconds < 60 || this.startoverWindowSeconds > MAX_STARTOVER_SECONDS) {
      throw new LiveChannelError(`startoverWindowSeconds must be a whole number from 60 to ${MAX_STARTOVER_SECONDS}, got ${this.startoverWindowSeconds}`);
    }
    if (!Number.isInteger(segmentSeconds) || segmentSeconds < 1 || segmentSeconds > 30) {
      throw new LiveChannelError(`segmentDurationSeconds must be a whole number from 1 to 30, got ${segmentSeconds}`);
    }
    if (!props.source.key.toLowerCase().endsWith('.mp4')) {
      throw new LiveChannelError(`source.key '${props.source.key}' must name an .mp4 file: MediaLive loops MP4 file inputs`);
    }

    const channel = new mediapackage.CfnChannel(this, 'PackageChannel', { id: channelId, description: 'Live stream clips are cut from' });
    const endpoint = new mediapackage.CfnOriginEndpoint(this, 'OriginEndpoint', {
      id: this.originEndpointId,
      channelId,
      manifestName: 'index',
      startoverWindowSeconds: this.startoverWindowSeconds,
      origination: 'ALLOW',
      hlsPackage: {
        segmentDurationSeconds: segmentSeconds,
        playlistWindowSeconds: 60,
        // Harvest ranges and clip times are wall-clock times: players and editors see them.
        programDateTimeIntervalSeconds: segmentSeconds,
        adMarkers: 'NONE',
      },
    });
    endpoint.node.addDependency(channel);
    this.playbackUrl = endpoint.attrUrl;

    // The trust policy MediaLive's user guide gives ("Step C: Create roles",
    // https://docs.aws.amazon.com/medialive/latest/ug/complex-scenario-create-trusted-entity-role-step3.html):
    // medialive.amazonaws.com and no condition. No MediaLive page says it sends aws:SourceAccount
    // when it assumes the role, and a condition on an absent key would keep the channel from
    // starting.
    const role = new iam.Role(this, 'MediaLiveRole', {
      description: 'MediaLive reads the looped source file and delivers to the MediaPackage channel',
      assumedBy: new iam.ServicePrincipal('medialive.amazonaws.com'),
    });
    // The one file, not the bucket (grantRead would allow s3:GetObject* and s3:List*).
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.source.bucket.arnForObjects(props.source.key)] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [props.source.bucket.bucketArn] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['mediapackage:DescribeChannel'], resources: [channel.attrArn] }));

    const input = new medialive.CfnInput(this, 'Input', {
      type: 'MP4_FILE',
      sources: [{ url: `s3ssl://${props.source.bucket.bucketName}/${props.source.key}` }],
    });

    const live = new medialive.CfnChannel(this, 'LiveChannel', {
      channelClass: 'SINGLE_PIPELINE',
      roleArn: role.roleArn,
      inputSpecification: { codec: 'AVC', resolution: 'HD', maximumBitrate: 'MAX_20_MBPS' },
      inputAttachments: [
        {
          inputId: input.ref,
          inputAttachmentName: 'looped-file',
          inputSettings: { sourceEndBehavior: 'LOOP', audioSelectors: [{ name: 'default' }] },
        },
      ],
      destinations: [{ id: 'mediapackage', mediaPackageSettings: [{ channelId }] }],
      encoderSettings: {
        // The system clock, so the stream's times are the wall-clock times clips are cut by.
        timecodeConfig: { source: 'SYSTEMCLOCK' },
        audioDescriptions: [
          {
            name: 'audio',
            audioSelectorName: 'default',
            codecSettings: { aacSettings: { bitrate: 96_000, codingMode: 'CODING_MODE_2_0', sampleRate: 48_000 } },
          },
        ],
        videoDescriptions: RENDITIONS.map((rendition) => ({
          name: `video-${rendition.name}`,
          width: rendition.width,
          height: rendition.height,
          codecSettings: {
            h264Settings: {
              bitrate: rendition.bitrate,
              rateControlMode: 'CBR',
              framerateControl: 'SPECIFIED',
              framerateNumerator: 30,
              framerateDenominator: 1,
              // A key frame at every segment boundary, so harvested ranges cut cleanly.
              gopSize: segmentSeconds,
              gopSizeUnits: 'SECONDS',
              parControl: 'SPECIFIED',
              parNumerator: 1,
              parDenominator: 1,
              profile: 'MAIN',
              scanType: 'PROGRESSIVE',
            },
          },
        })),
        outputGroups: [
          {
            name: 'mediapackage',
            outputGroupSettings: { mediaPackageGroupSettings: { destination: { destinationRefId: 'mediapackage' } } },
            outputs: RENDITIONS.map((rendition) => ({
              outputName: rendition.name,
              videoDescriptionName: `video-${rendition.name}`,
              audioDescriptionNames: ['audio'],
              outputSettings: { mediaPackageOutputSettings: {} },
            })),
          },
        ],
      },
    });
    live.node.addDependency(channel);
    this.mediaLiveChannelId = live.ref;
  }
}
