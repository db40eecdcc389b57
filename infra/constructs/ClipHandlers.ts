// The backend's Lambda handlers (functions/<name>/index.ts), one entry in a list each: the same
// runtime, tracing, logging and bundling for all of them, so adding a handler is one line of
// configuration and its grants. Bundled by the local esbuild: synth needs neither Docker nor a
// network.
import { existsSync } from 'node:fs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nagFindings.ts';

export interface ClipHandlerSpec {
  /** Unique in the list; names the construct and the log group. Letters and digits. */
  readonly name: string;
  /** Absolute path of the handler's TypeScript entry; it must exist when the app synthesizes. */
  readonly entry: string;
  /** Its configuration, built by contracts/handlerEnvironment.ts. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** What it may call besides writing its logs and traces. @default nothing */
  readonly grant?: (fn: lambda.IFunction) => void;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /**
   * Invoked asynchronously (by EventBridge): give it a dead-letter queue for events it still
   * fails after Lambda's retries, which EventBridge's own retries never see.
   * @default false
   */
  readonly asynchronous?: boolean;
}

export interface ClipHandlersProps {
  readonly handlers: readonly ClipHandlerSpec[];
  /** package-lock.json of the project the entries belong to: esbuild resolves modules from its folder. */
  readonly depsLockFilePath: string;
  /** @default lambda.Runtime.NODEJS_24_X */
  readonly runtime?: lambda.Runtime;
  /** @default lambda.Architecture.ARM_64 */
  readonly architecture?: lambda.Architecture;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.DESTROY for the log groups */
  readonly logRemovalPolicy?: RemovalPolicy;
}

export class ClipHandlerError extends Error {
  override readonly name = 'ClipHandlerError';
  constructor(
    message: string,
    readonly handler: string,
  ) {
    super(`handler ${handler}: ${message}`);
  }
}

export interface ClipHandler {
  readonly fn: nodejs.NodejsFunction;
  /** Set for asynchronous handlers: failed invocations and undeliverable events end here. */
  readonly deadLetterQueue?: sqs.Queue;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export class ClipHandlers extends Construct {
  private readonly byName = new Map<string, ClipHandler>();

  constructor(scope: Construct, id: string, props: ClipHandlersProps) {
    super(scope, id);
    if (!existsSync(props.depsLockFilePath)) {
      throw new ClipHandlerError(`depsLockFilePath ${props.depsLockFilePath} does not exist: pass the project's package-lock.json`, '*');
    }
    for (const spec of props.handlers) {
      validate(spec, this.byName);
      this.byName.set(spec.name, this.create(spec, props));
    }
  }

  /** The handler called `name`; throws when the list has none, naming those it has. */
  get(name: string): ClipHandler {
    const handler = this.byName.get(name);
    if (!handler) throw new ClipHandlerError(`not in the list (${[...this.byName.keys()].join(', ') || 'empty'}): add its entry`, name);
    return handler;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  private create(spec: ClipHandlerSpec, props: ClipHandlersProps): ClipHandler {
    const logGroup = new logs.LogGroup(this, `${spec.name}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    const deadLetterQueue = spec.asynchronous
      ? new sqs.Queue(this, `${spec.name}DeadLetters`, {
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        })
      : undefined;
    const fn = new nodejs.NodejsFunction(this, spec.name, {
      entry: spec.entry,
      handler: 'handler',
      runtime: props.runtime ?? lambda.Runtime.NODEJS_24_X,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      timeout: spec.timeout ?? Duration.seconds(30),
      memorySize: spec.memorySize ?? 256,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...spec.environment },
      depsLockFilePath: props.depsLockFilePath,
      ...(deadLetterQueue ? { deadLetterQueue, retryAttempts: 2 } : {}),
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.CJS,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the SDK too: the handlers run the SDK versions they were tested with, not
        // whichever the Lambda runtime ships that month.
        externalModules: [],
      },
    });
    spec.grant?.(fn);
    acknowledge(fn, 'IAM4', 'AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup, CreateLogStream and PutLogEvents', [
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    acknowledge(fn, 'IAM5', 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions', ['Resource::*']);
    return deadLetterQueue ? { fn, deadLetterQueue } : { fn };
  }
}

function validate(spec: ClipHandlerSpec, existing: ReadonlyMap<string, ClipHandler>): void {
  if (!NAME_PATTERN.test(spec.name)) throw new ClipHandlerError('the name must be letters and digits, starting with a letter', spec.name);
  if (existing.has(spec.name)) throw new ClipHandlerError('listed twice: names must be unique', spec.name);
  if (!existsSync(spec.entry)) {
    throw new ClipHandlerError(`entry ${spec.entry} does not exist: write the handler first or leave it out of the list`, spec.name);
  }
  const memory = spec.memorySize ?? 256;
  if (!Number.isInteger(memory) || memory < 128 || memory > 10240) {
    throw new ClipHandlerError(`memorySize must be a whole number of MB from 128 to 10240, got ${memory}`, spec.name);
  }
}
