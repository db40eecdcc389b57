// What moves a clip on after createClip: MediaPackage's harvest-job events and MediaPackage-VOD's
// asset events, routed by EventBridge rules to the handlers, with retries and dead-letter queues.
// EventBridge delivers at least once and best effort; the handlers are idempotent, and what
// cannot be delivered or processed lands in a queue someone can look at.
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ClipEventRules, EventPattern } from '../../contracts/eventRules.ts';

export interface EventTarget {
  readonly fn: lambda.IFunction;
  /** Where undeliverable events go. @default a new queue */
  readonly deadLetterQueue?: sqs.IQueue;
}

export interface ClipEventsProps {
  /** The patterns (contracts/eventRules.ts), the same the local home routes by. */
  readonly rules: ClipEventRules;
  /** Receives finished harvest jobs (SUCCEEDED or FAILED). */
  readonly harvestJobs?: EventTarget;
  /** Receives VodAssetPlayable and IngestError of MediaPackage-VOD assets. */
  readonly vodAssets?: EventTarget;
  /** Runs on a schedule: re-checks clips stuck in a non-final status and starts queued ones. */
  readonly sweeper?: EventTarget & { /** @default Duration.minutes(1) */ readonly every?: Duration };
  /** @default 8 */
  readonly retryAttempts?: number;
  /** @default Duration.hours(2) */
  readonly maxEventAge?: Duration;
}

export class ClipEventsError extends Error {
  override readonly name = 'ClipEventsError';
}

export class ClipEvents extends Construct {
  readonly harvestJobRule?: events.Rule;
  readonly harvestJobV2Rule?: events.Rule;
  readonly vodAssetRule?: events.Rule;
  readonly sweepRule?: events.Rule;
  readonly deadLetterQueues: sqs.IQueue[] = [];

  constructor(scope: Construct, id: string, props: ClipEventsProps) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 8;
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 185) {
      throw new ClipEventsError(`retryAttempts must be a whole number from 0 to 185 (EventBridge's limit), got ${retryAttempts}`);
    }
    const maxEventAge = props.maxEventAge ?? Duration.hours(2);
    const ageSeconds = maxEventAge.toSeconds();
    if (ageSeconds < 60 || ageSeconds > 86_400) {
      throw new ClipEventsError(`maxEventAge must be 1 minute to 24 hours (EventBridge's limits), got ${ageSeconds} s`);
    }

    const target = (name: string, given: EventTarget) => {
      const deadLetterQueue =
        given.deadLetterQueue ??
        new sqs.Queue(this, `${name}DeadLetters`, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
      this.deadLetterQueues.push(deadLetterQueue);
      return new targets.LambdaFunction(given.fn, { deadLetterQueue, retryAttempts, maxEventAge });
    };

    if (props.harvestJobs) {
      // Both versions' events go to the one handler, with one dead-letter queue.
      const harvestTarget = target('HarvestJob', props.harvestJobs);
      this.harvestJobRule = new events.Rule(this, 'HarvestJobRule', {
        description: 'Finished MediaPackage harvest jobs of clips -> packaging handler',
        eventPattern: cdkEventPattern(props.rules.harvestJobs),
        targets: [harvestTarget],
      });
      this.harvestJobV2Rule = new events.Rule(this, 'HarvestJobV2Rule', {
        description: 'Finished MediaPackage v2 harvest jobs of clips -> packaging handler',
        eventPattern: cdkEventPattern(props.rules.harvestJobsV2),
        targets: [harvestTarget],
      });
    }
    if (props.vodAssets) {
      this.vodAssetRule = new events.Rule(this, 'VodAssetRule', {
        description: 'MediaPackage-VOD assets playable or failed -> playable handler',
        eventPattern: cdkEventPattern(props.rules.vodAssets),
        targets: [target('VodAsset', props.vodAssets)],
      });
    }
    if (props.sweeper) {
      const every = props.sweeper.every ?? Duration.minutes(1);
      if (every.toSeconds() < 60) throw new ClipEventsError('sweeper.every must be at least 1 minute (EventBridge schedules run at most once a minute)');
      this.sweepRule = new events.Rule(this, 'SweepRule', {
        description: 'Re-checks clips stuck in a non-final status and starts queued ones',
        schedule: events.Schedule.rate(every),
        targets: [target('Sweep', props.sweeper)],
      });
    }
  }
}

/**
 * A pattern in EventBridge's JSON form as the CDK takes it: `detail-type` is spelled
 * `detailType`, and leaves are typed as strings but rendered unchanged (aws-events'
 * renderEventPattern), so content filters such as `{ prefix }` pass through as written.
 */
function cdkEventPattern(pattern: EventPattern): events.EventPattern {
  const { 'detail-type': detailType, ...fields } = pattern;
  return { ...fields, ...(detailType ? { detailType } : {}) } as events.EventPattern;
}
