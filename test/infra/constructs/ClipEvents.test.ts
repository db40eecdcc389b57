// The rules on their own, with stand-in functions: no handler code is needed to check what
// EventBridge matches and how it retries (the stack test checks the real handlers are wired).
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipEventRules } from '../../../contracts/eventRules.ts';
import { ClipEvents, ClipEventsError } from '../../../infra/constructs/ClipEvents.ts';

const standIn = (stack: Stack, id: string) =>
  new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') });

function newStack(): Stack {
  return new Stack(new App(), 'Events', { env: { account: '123456789012', region: 'eu-west-1' } });
}

let template: Template;

beforeAll(() => {
  const stack = newStack();
  new ClipEvents(stack, 'Events', {
    rules: clipEventRules({ clipsBucketName: 'clips-bucket', partition: 'aws', region: 'eu-west-1', account: '123456789012' }),
    harvestJobs: { fn: standIn(stack, 'PackageClip') },
    vodAssets: { fn: standIn(stack, 'ClipPlayable') },
    sweeper: { fn: standIn(stack, 'SweepClips'), every: Duration.minutes(2) },
  });
  template = Template.fromStack(stack);
});

describe('the clip event rules', () => {
  it('send finished harvest jobs into the clips bucket to the packaging handler', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.mediapackage'],
        'detail-type': ['MediaPackage HarvestJob Notification'],
        detail: { harvest_job: { status: ['SUCCEEDED', 'FAILED'], s3_destination: { bucket_name: ['clips-bucket'] } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PackageClip'), 'Arn'] } })],
    });
  });

  it('send finished MediaPackage v2 harvest jobs into the clips bucket to the same handler', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.mediapackagev2'],
        'detail-type': ['MediaPackageV2 HarvestJob Notification'],
        detail: { harvestJob: { status: ['COMPLETED', 'FAILED'], destination: { s3Destination: { bucketName: ['clips-bucket'] } } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PackageClip'), 'Arn'] } })],
    });
  });

  it('send playable and failed VOD assets, not live channel notifications, to the playable handler', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.mediapackage'],
        'detail-type': ['MediaPackage Input Notification'],
        resources: [{ prefix: 'arn:aws:mediapackage-vod:eu-west-1:123456789012:assets/' }],
        detail: { event: ['VodAssetPlayable', 'IngestError'] },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClipPlayable'), 'Arn'] } })],
    });
  });

  it('run the sweeper on its schedule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(2 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SweepClips'), 'Arn'] } })],
    });
  });

  it('retry for two hours and keep what they cannot deliver in an encrypted queue', () => {
    const rules = template.findResources('AWS::Events::Rule');
    expect(Object.keys(rules)).toHaveLength(4);
    for (const rule of Object.values(rules) as Array<{ Properties: { Targets: Array<Record<string, unknown>> } }>) {
      expect(rule.Properties.Targets[0]).toMatchObject({
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      });
    }
    template.resourceCountIs('AWS::SQS::Queue', 3);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' })]) },
    });
  });

  it('refuse retry settings EventBridge would refuse, saying what is allowed', () => {
    const stack = newStack();
    const base = { rules: clipEventRules({ clipsBucketName: 'b', partition: 'aws', region: 'eu-west-1', account: '123456789012' }) };
    expect(() => new ClipEvents(stack, 'A', { ...base, retryAttempts: 200 })).toThrow(ClipEventsError);
    expect(() => new ClipEvents(stack, 'B', { ...base, maxEventAge: Duration.seconds(10) })).toThrow(/1 minute to 24 hours/);
    expect(() => new ClipEvents(stack, 'C', { ...base, sweeper: { fn: standIn(stack, 'S'), every: Duration.seconds(30) } })).toThrow(/at least 1 minute/);
  });
});
