// The clips API on AppSync: the project's schema, the resolver bundles the local home executes
// (byte for byte), the data sources they name, and the auth the schema's directives expect:
// Cognito user pools by default (group `editors` may create clips), IAM for the backend's publish
// mutation, an API key only when asked for.
import { readFileSync } from 'node:fs';
import { Duration, Expiration, RemovalPolicy } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_LIMITS } from '../../contracts/apiLimits.ts';
import type { ResolverBundle } from '../../resolvers/bundle/index.ts';
import { schemaForAuthModes, type AuthMode } from './authModeSchema.ts';
import { acknowledge, nagAttribute } from './nagFindings.ts';

/** The name resolver files use for AppSync's None data source (`1.validate.[NONE].ts`). */
export const NONE_DATA_SOURCE = 'NONE';

export interface ClipsApiProps {
  /** @default 'clips' */
  readonly name?: string;
  /** The AppSync SDL (schema/schema.graphql); never the prelude, which AppSync provides itself. */
  readonly schemaFile: string;
  /** From `bundleResolvers()`: the same code the local home runs. */
  readonly resolvers: readonly ResolverBundle[];
  /** DynamoDB data sources by the name resolver files give them (`Query.clip.[clips].ts`). @default none */
  readonly tables?: Readonly<Record<string, dynamodb.ITable>>;
  /** Lambda data sources by the name resolver files give them. @default none */
  readonly functions?: Readonly<Record<string, lambda.IFunction>>;
  /** `ctx.env` of every resolver. @default none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /**
   * The user pool apps sign in with.
   * @default a new pool: sign-in by email, self sign-up off, strong passwords, optional TOTP MFA
   */
  readonly userPool?: cognito.IUserPool;
  /** The group whose members may create clips (the schema's `cognito_groups`). @default 'editors' */
  readonly editorsGroupName?: string;
  /**
   * Also accept an API key, valid for this long (local-development style access; the schema's
   * `@aws_api_key` fields are deployed only then).
   * @default no API key
   */
  readonly apiKeyExpiresAfter?: Duration;
  /** @default appsync.FieldLogLevel.ERROR */
  readonly fieldLogLevel?: appsync.FieldLogLevel;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

export class ClipsApiError extends Error {
  override readonly name = 'ClipsApiError';
}

// AppSync's rule for data source names.
const DATA_SOURCE_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_API_KEY_DAYS = 365;
// AppSync's quota for the code of one resolver or function (APPSYNC_JS).
const MAX_CODE_BYTES = 32 * 1024;

export class ClipsApi extends Construct {
  readonly api: appsync.GraphqlApi;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  /** The schema text deployed: the file, less the directives of modes this API does not have. */
  readonly deployedSchema: string;
  readonly realtimeUrl: string;
  readonly dataSources: ReadonlyMap<string, appsync.BaseDataSource>;

  constructor(scope: Construct, id: string, props: ClipsApiProps) {
    super(scope, id);
    const tables = props.tables ?? {};
    const functions = props.functions ?? {};
    validateResolvers(props.resolvers, tables, functions);
    const apiKeyDays = props.apiKeyExpiresAfter?.toDays();
    if (apiKeyDays !== undefined && (apiKeyDays < 1 || apiKeyDays > MAX_API_KEY_DAYS)) {
      throw new ClipsApiError(`apiKeyExpiresAfter must be 1 to ${MAX_API_KEY_DAYS} days (AppSync's limit), got ${apiKeyDays}`);
    }

    this.userPool = props.userPool ?? this.createUserPool();
    new cognito.CfnUserPoolGroup(this, 'EditorsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: props.editorsGroupName ?? 'editors',
      description: 'May create clips',
    });
    this.userPoolClient = this.userPool.addClient('AppClient', {
      // SRP for apps (Amplify); password auth for scripts and the README's curl walk-through
      // (the password goes to Cognito over TLS only, never to the API).
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      generateSecret: false,
    });

    const modes = new Set<AuthMode>(['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM']);
    if (apiKeyDays !== undefined) modes.add('API_KEY');
    this.deployedSchema = schemaForAuthModes(readFileSync(props.schemaFile, 'utf8'), modes);
    const definition = this.deployedSchema;

    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: props.name ?? 'clips',
      definition: appsync.Definition.fromSchema({
        bind: (api) => ({ apiId: (api as unknown as appsync.IGraphqlApi).apiId, definition }),
      }),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.USER_POOL,
          // ALLOW: the schema's directives decide per field; DENY would refuse every field
          // that names no group.
          userPoolConfig: { userPool: this.userPool, appIdClientRegex: this.userPoolClient.userPoolClientId, defaultAction: appsync.UserPoolDefaultAction.ALLOW },
        },
        additionalAuthorizationModes: [
          { authorizationType: appsync.AuthorizationType.IAM },
          ...(props.apiKeyExpiresAfter
            ? [{ authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { expires: Expiration.after(props.apiKeyExpiresAfter) } }]
            : []),
        ],
      },
      xrayEnabled: true,
      // The same limits the local runtime enforces (contracts/apiLimits.ts).
      queryDepthLimit: API_LIMITS.queryDepthLimit,
      resolverCountLimit: API_LIMITS.resolverCountLimit,
      ...(props.environmentVariables ? { environmentVariables: { ...props.environmentVariables } } : {}),
    });
    const cfnApi = this.api.node.defaultChild as appsync.CfnGraphQLApi;
    this.realtimeUrl = cfnApi.attrRealtimeUrl;
    this.configureLogging(cfnApi, props);

    const dataSources = new Map<string, appsync.BaseDataSource>();
    dataSources.set(NONE_DATA_SOURCE, this.api.addNoneDataSource(NONE_DATA_SOURCE, { name: NONE_DATA_SOURCE }));
    for (const [name, table] of Object.entries(tables)) dataSources.set(name, this.api.addDynamoDbDataSource(name, table, { name }));
    for (const [name, fn] of Object.entries(functions)) dataSources.set(name, this.api.addLambdaDataSource(name, fn, { name }));
    this.dataSources = dataSources;
    for (const bundle of props.resolvers) this.addResolver(bundle);
    this.acknowledgeFindings(tables, functions, props.userPool === undefined);
  }

  private dataSource(name: string): appsync.BaseDataSource {
    const source = this.dataSources.get(name);
    if (!source) throw new ClipsApiError(`no data source ${name}`);
    return source;
  }

  private addResolver(bundle: ResolverBundle): void {
    const route = `${bundle.typeName}.${bundle.fieldName}`;
    if (bundle.kind === 'UNIT') {
      new appsync.Resolver(this, `Resolver-${route}`, {
        api: this.api,
        typeName: bundle.typeName,
        fieldName: bundle.fieldName,
        dataSource: this.dataSource(bundle.dataSource),
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: appsync.Code.fromInline(bundle.code),
      });
      return;
    }
    const steps = bundle.functions.map(
      (step) =>
        new appsync.AppsyncFunction(this, `Function-${step.name}`, {
          api: this.api,
          name: step.name,
          dataSource: this.dataSource(step.dataSource),
          runtime: appsync.FunctionRuntime.JS_1_0_0,
          code: appsync.Code.fromInline(step.code),
        }),
    );
    new appsync.Resolver(this, `Resolver-${route}`, {
      api: this.api,
      typeName: bundle.typeName,
      fieldName: bundle.fieldName,
      pipelineConfig: steps,
      runtime: appsync.FunctionRuntime.JS_1_0_0,
      code: appsync.Code.fromInline(bundle.code),
    });
  }

  // Logging set up here rather than through GraphqlApi's logConfig, which adds a LogRetention
  // custom resource (a Lambda) and a role with an AWS-managed policy: the group is created with
  // its retention, and AppSync's role may write to that group alone.
  private configureLogging(cfnApi: appsync.CfnGraphQLApi, props: ClipsApiProps): void {
    const logGroup = new logs.LogGroup(this, 'ApiLogs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'ApiLogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: 'AppSync writes the clips API logs',
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    cfnApi.logConfig = {
      cloudWatchLogsRoleArn: role.roleArn,
      fieldLogLevel: props.fieldLogLevel ?? appsync.FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
  }

  private acknowledgeFindings(
    tables: Readonly<Record<string, dynamodb.ITable>>,
    functions: Readonly<Record<string, lambda.IFunction>>,
    ownPool: boolean,
  ): void {
    acknowledge(this.api, 'ASC3', 'Request logging is on (field level ERROR); verbose content stays out because it would copy Cognito tokens and clip input into the logs');
    for (const [name, table] of Object.entries(tables)) {
      acknowledge(this.dataSource(name), 'IAM5', 'The resolvers query the table\'s own secondary indexes; the grant names this table\'s indexes only', [
        `Resource::${nagAttribute(table)}/index/*`,
      ]);
    }
    for (const [name, fn] of Object.entries(functions)) {
      acknowledge(this.dataSource(name), 'IAM5', 'lambda:InvokeFunction on the function and its versions and aliases, as AppSync invokes it', [
        `Resource::${nagAttribute(fn)}:*`,
      ]);
    }
    if (ownPool) {
      acknowledge(this.userPool, 'COG2', 'MFA (TOTP) is optional: viewers sign in to watch, and an administrator can require it of editors');
      acknowledge(this.userPool, 'COG8', 'The Plus feature plan (threat protection) is a per-user cost left to the operator; the pool has no self sign-up');
    }
  }

  private createUserPool(): cognito.UserPool {
    return new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      autoVerify: { email: true },
      // Editors are invited by an administrator, not self-registered.
      selfSignUpEnabled: false,
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}

function validateResolvers(
  resolvers: readonly ResolverBundle[],
  tables: Readonly<Record<string, unknown>>,
  functions: Readonly<Record<string, unknown>>,
): void {
  for (const bundle of resolvers) {
    const codes = [{ what: `${bundle.typeName}.${bundle.fieldName}`, code: bundle.code }];
    if (bundle.kind === 'PIPELINE') codes.push(...bundle.functions.map((step) => ({ what: step.name, code: step.code })));
    for (const { what, code } of codes) {
      const bytes = Buffer.byteLength(code, 'utf8');
      if (bytes > MAX_CODE_BYTES) {
        throw new ClipsApiError(`the bundle of ${what} is ${bytes} bytes, over AppSync's ${MAX_CODE_BYTES} per resolver or function: import less into it or split the step`);
      }
    }
  }
  const given = [NONE_DATA_SOURCE, ...Object.keys(tables), ...Object.keys(functions)];
  const seen = new Set<string>();
  for (const name of given) {
    if (!DATA_SOURCE_NAME.test(name)) throw new ClipsApiError(`data source name '${name}' must be letters, digits and '_', not starting with a digit`);
    if (seen.has(name)) throw new ClipsApiError(`data source '${name}' is given twice: each name may be a table, a function or NONE, once`);
    seen.add(name);
  }
  for (const bundle of resolvers) {
    const route = `${bundle.typeName}.${bundle.fieldName}`;
    const needed = bundle.kind === 'UNIT' ? [{ name: bundle.dataSource, by: route }] : bundle.functions.map((step) => ({ name: step.dataSource, by: `${route} step ${step.order}` }));
    for (const { name, by } of needed) {
      if (!seen.has(name)) {
        throw new ClipsApiError(`${by} uses data source '${name}', which the API lacks: pass it in 'tables' or 'functions' under that name`);
      }
    }
  }
}
