// An optional live channel for trying the system without an encoder of your own, as the seed's
// workshop stack has: a MediaLive input looping an MP4 file from S3 -> a MediaPackage channel
// (v1, or v2 in a channel group) -> an HLS origin endpoint with a startover window, which is what
// clips are harvested from.
// It costs money while the MediaLive channel runs: the channel is created idle and started by
// hand (see infra/README.md).
import { Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as medialive from 'aws-cdk-lib/aws-medialive';
import * as mediapackage from 'aws-cdk-lib/aws-mediapackage';
import * as mediapackagev2 from 'aws-cdk-lib/aws-mediapackagev2';
import { formatChannelRef } from '../../contracts/liveChannel.ts';
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
  /**
   * The MediaPackage version: v2 is what AWS recommends for new live workflows.
   * @default 'v1', which existing deployments of this stack run
   */
  readonly mediaPackageVersion?: 'v1' | 'v2';
  /** v2's channel group. @default 'clips' */
  readonly channelGroupName?: string;
}

/** What the MediaLive channel delivers to: its destination, output group and the role's grants. */
interface Packaging {
  destination: medialive.CfnChannel.OutputDestinationProperty;
  outputGroup: medialive.CfnChannel.OutputGroupProperty;
  /** The channel MediaLive must exist after. */
  channel: { node: Construct['node'] };
  originEndpointId: string;
  playbackUrl: string;
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
  /** The origin endpoint as the handlers name it (contracts/liveChannel.ts). */
  readonly originEndpointId: string;
  /** The live HLS playback URL (the origin endpoint's). */
  readonly playbackUrl: string;
  /** Start and stop this MediaLive channel to run the stream (it is created idle). */
  readonly mediaLiveChannelId: string;
  readonly startoverWindowSeconds: number;

  constructor(scope: Construct, id: string, props: LiveChannelProps) {
    super(scope, id);
    const channelId = props.channelId ?? 'clips-live';
    const endpointId = props.originEndpointId ?? `${channelId}-hls`;
    const groupName = props.channelGroupName ?? 'clips';
    this.startoverWindowSeconds = props.startoverWindowSeconds ?? 3600;
    const segmentSeconds = props.segmentDurationSeconds ?? 6;
    for (const [name, value] of [['channelId', channelId], ['originEndpointId', endpointId], ['channelGroupName', groupName]] as const) {
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

    const outputs = RENDITIONS.map((rendition) => ({ outputName: rendition.name, videoDescriptionName: `video-${rendition.name}`, audioDescriptionNames: ['audio'] }));
    const packaging =
      (props.mediaPackageVersion ?? 'v1') === 'v1'
        ? this.packageV1(channelId, endpointId, segmentSeconds, role, outputs)
        : this.packageV2(groupName, channelId, endpointId, segmentSeconds, role, outputs);
    this.originEndpointId = packaging.originEndpointId;
    this.playbackUrl = packaging.playbackUrl;

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
      destinations: [packaging.destination],
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
        outputGroups: [packaging.outputGroup],
      },
    });
    live.node.addDependency(packaging.channel);
    this.mediaLiveChannelId = live.ref;
  }

  private packageV1(channelId: string, endpointId: string, segmentSeconds: number, role: iam.Role, outputs: OutputBase[]): Packaging {
    const channel = new mediapackage.CfnChannel(this, 'PackageChannel', { id: channelId, description: 'Live stream clips are cut from' });
    const endpoint = new mediapackage.CfnOriginEndpoint(this, 'OriginEndpoint', {
      id: endpointId,
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
    role.addToPolicy(new iam.PolicyStatement({ actions: ['mediapackage:DescribeChannel'], resources: [channel.attrArn] }));
    return {
      destination: { id: 'mediapackage', mediaPackageSettings: [{ channelId }] },
      outputGroup: {
        name: 'mediapackage',
        outputGroupSettings: { mediaPackageGroupSettings: { destination: { destinationRefId: 'mediapackage' } } },
        outputs: outputs.map((output) => ({ ...output, outputSettings: { mediaPackageOutputSettings: {} } })),
      },
      channel,
      originEndpointId: endpointId,
      playbackUrl: endpoint.attrUrl,
    };
  }

  /**
   * MediaPackage v2: a channel group, an HLS-input channel and a TS endpoint with an `index` HLS
   * manifest. MediaLive sends HLS to the channel's ingest URL by Basic PUT, without credentials
   * (MediaLive user guide, "HLS output group to MediaPackage v2"), allowed by the channel's policy
   * ("Ingest authorization", MediaPackage v2 user guide). The endpoint's policy lets players get
   * the stream, as a v1 endpoint does, and lets MediaPackage v2 harvest it for this account only
   * ("Origin endpoint authorization").
   */
  private packageV2(groupName: string, channelName: string, endpointName: string, segmentSeconds: number, role: iam.Role, outputs: OutputBase[]): Packaging {
    const group = new mediapackagev2.CfnChannelGroup(this, 'PackageChannelGroup', { channelGroupName: groupName, description: 'Live channels clips are cut from' });
    const channel = new mediapackagev2.CfnChannel(this, 'PackageChannel', { channelGroupName: groupName, channelName, inputType: 'HLS', description: 'Live stream clips are cut from' });
    channel.addDependency(group);
    const endpoint = new mediapackagev2.CfnOriginEndpoint(this, 'OriginEndpoint', {
      channelGroupName: groupName,
      channelName,
      originEndpointName: endpointName,
      containerType: 'TS',
      startoverWindowSeconds: this.startoverWindowSeconds,
      segment: { segmentDurationSeconds: segmentSeconds, segmentName: 'segment' },
      // Harvest ranges and clip times are wall-clock times: players and editors see them.
      hlsManifests: [{ manifestName: 'index', manifestWindowSeconds: 60, programDateTimeIntervalSeconds: segmentSeconds }],
    });
    endpoint.addDependency(channel);
    const account = Stack.of(this).account;
    const endpointPolicy = new mediapackagev2.CfnOriginEndpointPolicy(this, 'OriginEndpointPolicy', {
      channelGroupName: groupName,
      channelName,
      originEndpointName: endpointName,
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Playback', Effect: 'Allow', Principal: '*', Action: ['mediapackagev2:GetObject', 'mediapackagev2:GetHeadObject'], Resource: endpoint.attrArn },
          {
            Sid: 'Harvests',
            Effect: 'Allow',
            Principal: { Service: 'mediapackagev2.amazonaws.com' },
            Action: ['mediapackagev2:HarvestObject', 'mediapackagev2:GetObject'],
            Resource: endpoint.attrArn,
            Condition: { StringEquals: { 'AWS:SourceAccount': account } },
          },
        ],
      },
    });
    endpointPolicy.addDependency(endpoint);
    const channelPolicy = new mediapackagev2.CfnChannelPolicy(this, 'ChannelPolicy', {
      channelGroupName: groupName,
      channelName,
      policy: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'MediaLiveIngest', Effect: 'Allow', Principal: { AWS: role.roleArn }, Action: 'mediapackagev2:PutObject', Resource: channel.attrArn }],
      },
    });
    channelPolicy.addDependency(channel);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['mediapackagev2:PutObject'], resources: [channel.attrArn] }));
    return {
      destination: { id: 'mediapackagev2', settings: [{ url: Fn.select(0, channel.attrIngestEndpointUrls) }] },
      outputGroup: {
        name: 'mediapackagev2',
        outputGroupSettings: {
          hlsGroupSettings: {
            destination: { destinationRefId: 'mediapackagev2' },
            hlsCdnSettings: { hlsBasicPutSettings: {} },
            segmentLength: segmentSeconds,
            programDateTime: 'INCLUDE',
          },
        },
        outputs: outputs.map((output) => ({
          ...output,
          outputSettings: { hlsOutputSettings: { nameModifier: `_${output.outputName}`, hlsSettings: { standardHlsSettings: { m3U8Settings: {} } } } },
        })),
      },
      channel: endpointPolicy,
      originEndpointId: formatChannelRef({ version: 'v2', channelGroup: groupName, channel: channelName, originEndpoint: endpointName, manifest: 'index' }),
      playbackUrl: Fn.select(0, endpoint.attrHlsManifestUrls),
    };
  }
}

type OutputBase = { outputName: string; videoDescriptionName: string; audioDescriptionNames: string[] };
