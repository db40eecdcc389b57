import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiveChannel, LiveChannelError } from '../../../infra/constructs/LiveChannel.ts';

let stack: Stack;
let template: Template;

beforeAll(() => {
  stack = new Stack(new App(), 'Live', { env: { account: '123456789012', region: 'eu-west-1' } });
  const bucket = s3.Bucket.fromBucketName(stack, 'Source', 'my-videos');
  new LiveChannel(stack, 'Live', { source: { bucket, key: 'match/loop.mp4' }, startoverWindowSeconds: 7200 });
  template = Template.fromStack(stack);
});

describe('the live channel', () => {
  it('loops the MP4 from S3 into a single-pipeline MediaLive channel on the system clock', () => {
    template.hasResourceProperties('AWS::MediaLive::Input', { Type: 'MP4_FILE', Sources: [{ Url: 's3ssl://my-videos/match/loop.mp4' }] });
    template.hasResourceProperties('AWS::MediaLive::Channel', {
      ChannelClass: 'SINGLE_PIPELINE',
      InputAttachments: [Match.objectLike({ InputSettings: Match.objectLike({ SourceEndBehavior: 'LOOP' }) })],
      Destinations: [{ Id: 'mediapackage', MediaPackageSettings: [{ ChannelId: 'clips-live' }] }],
      EncoderSettings: Match.objectLike({ TimecodeConfig: { Source: 'SYSTEMCLOCK' } }),
    });
  });

  it('delivers to a MediaPackage channel whose HLS endpoint keeps the startover window', () => {
    template.hasResourceProperties('AWS::MediaPackage::Channel', { Id: 'clips-live' });
    template.hasResourceProperties('AWS::MediaPackage::OriginEndpoint', {
      Id: 'clips-live-hls',
      ChannelId: 'clips-live',
      StartoverWindowSeconds: 7200,
      HlsPackage: Match.objectLike({ SegmentDurationSeconds: 6, ProgramDateTimeIntervalSeconds: 6 }),
    });
  });

  it('lets MediaLive read that one file and describe that one channel', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', Match.arrayWith([':s3:::my-videos/match/loop.mp4'])] } }),
          Match.objectLike({ Action: 'mediapackage:DescribeChannel', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('PackageChannel'), 'Arn'] } }),
        ]),
      },
    });
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  it('refuses a source that is not an MP4 and a window MediaPackage cannot keep', () => {
    const other = new Stack(new App(), 'Other');
    const bucket = s3.Bucket.fromBucketName(other, 'Source', 'my-videos');
    expect(() => new LiveChannel(other, 'A', { source: { bucket, key: 'loop.mov' } })).toThrow(LiveChannelError);
    expect(() => new LiveChannel(other, 'B', { source: { bucket, key: 'loop.mp4' }, startoverWindowSeconds: 30 })).toThrow(/60 to 1209600/);
  });
});

describe('the live channel on MediaPackage v2', () => {
  let v2Stack: Stack;
  let v2: Template;
  let channel: LiveChannel;

  beforeAll(() => {
    v2Stack = new Stack(new App(), 'LiveV2', { env: { account: '123456789012', region: 'eu-west-1' } });
    const bucket = s3.Bucket.fromBucketName(v2Stack, 'Source', 'my-videos');
    channel = new LiveChannel(v2Stack, 'Live', { source: { bucket, key: 'match/loop.mp4' }, mediaPackageVersion: 'v2' });
    v2 = Template.fromStack(v2Stack);
  });

  it('makes a channel group, an HLS channel and a TS endpoint with an index manifest the handlers name by path', () => {
    v2.hasResourceProperties('AWS::MediaPackageV2::ChannelGroup', { ChannelGroupName: 'clips' });
    v2.hasResourceProperties('AWS::MediaPackageV2::Channel', { ChannelGroupName: 'clips', ChannelName: 'clips-live', InputType: 'HLS' });
    v2.hasResourceProperties('AWS::MediaPackageV2::OriginEndpoint', {
      ChannelName: 'clips-live',
      OriginEndpointName: 'clips-live-hls',
      ContainerType: 'TS',
      StartoverWindowSeconds: 3600,
      HlsManifests: [Match.objectLike({ ManifestName: 'index', ProgramDateTimeIntervalSeconds: 6 })],
    });
    expect(channel.originEndpointId).toBe('v2:clips/clips-live/clips-live-hls/index');
  });

  it('sends HLS to the channel ingest URL by Basic PUT, which the channel policy allows MediaLive\'s role', () => {
    v2.hasResourceProperties('AWS::MediaLive::Channel', {
      Destinations: [{ Id: 'mediapackagev2', Settings: [{ Url: { 'Fn::Select': [0, { 'Fn::GetAtt': [Match.stringLikeRegexp('PackageChannel'), 'IngestEndpointUrls'] }] } }] }],
      EncoderSettings: Match.objectLike({
        OutputGroups: [Match.objectLike({ OutputGroupSettings: { HlsGroupSettings: Match.objectLike({ HlsCdnSettings: { HlsBasicPutSettings: {} } }) } })],
      }),
    });
    v2.hasResourceProperties('AWS::MediaPackageV2::ChannelPolicy', {
      Policy: { Statement: [Match.objectLike({ Action: 'mediapackagev2:PutObject', Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('MediaLiveRole'), 'Arn'] } } })] },
    });
  });

  it('lets players get the stream and MediaPackage v2 harvest it, for this account only', () => {
    v2.hasResourceProperties('AWS::MediaPackageV2::OriginEndpointPolicy', {
      Policy: {
        Statement: [
          Match.objectLike({ Principal: '*', Action: ['mediapackagev2:GetObject', 'mediapackagev2:GetHeadObject'] }),
          Match.objectLike({
            Principal: { Service: 'mediapackagev2.amazonaws.com' },
            Action: ['mediapackagev2:HarvestObject', 'mediapackagev2:GetObject'],
            Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' } },
          }),
        ],
      },
    });
    expect(new AwsSolutionsChecks().validateScope(v2Stack).violations).toEqual([]);
  });
});
