// The API part of the local home: the clips table on the local DynamoDB server, the AppSync
// engine running the project's schema and resolver bundles with its data sources, and the server
// that speaks AppSync's HTTP and real-time protocols with API key, IAM and Cognito-like auth, or
// in the AWS home's shape (Cognito by default, IAM, no API key).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_LIMITS } from '../../contracts/apiLimits.ts';
import { clipTableDefinition } from '../../contracts/clipTable.ts';
import { handlerEnvironment, type HandlerSettings } from '../../contracts/handlerEnvironment.ts';
import { servicesOf, type Services } from '../../functions/commons/services.ts';
import { createHandler as cancelClipHandler } from '../../functions/cancelClip/index.ts';
import { createHandler as describeLiveChannelHandler } from '../../functions/describeLiveChannel/index.ts';
import { createHandler as listCompetitionsHandler } from '../../functions/listCompetitions/index.ts';
import { createHandler as removeClipHandler } from '../../functions/removeClip/index.ts';
import { createHandler as startHarvestHandler } from '../../functions/startHarvest/index.ts';
import { createEngine } from '../appsync/engine/index.ts';
import { startAppSyncServer, type LocalSignInOptions } from '../appsync/server/index.ts';
import { ensureTable } from '../dynamodb/index.ts';
import { loadOrCreateCredentials, type LocalCredentials } from './credentials.ts';
import type { PageHandler } from './page.ts';
import { traceDynamoDBCalls, tracedLambda } from './tracing.ts';

const projectPath = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/**
 * How the API authorizes. 'api-key': the newcomer's home, the API key as the default mode (Cognito
 * and IAM accepted too). 'cognito': the AWS home's shape as infra/constructs/ClipsApi.ts deploys
 * it, Cognito user pools as the default mode, IAM for the backend, no API key at all.
 */
export type LocalAuthMode = 'api-key' | 'cognito';

export type { LocalSignInOptions } from '../appsync/server/index.ts';

/** What the handlers talk to besides the API and its table, which the API fills in itself. */
export type HandlerTargets = Omit<HandlerSettings, 'runtime' | 'store' | 'publish'>;

export interface LocalApiOptions {
  /** Where credentials and the TLS certificate are kept. */
  dataDir: string;
  dynamodbEndpoint: string;
  region: string;
  /** @default 'clips' */
  clipsTable?: string;
  /** The handlers' other services: startHarvest needs `live` and `harvester` (which brings `harvestJobs`), removeClip also `packager` and `objects`, listCompetitions `live`. */
  handlers: HandlerTargets;
  /** AppSync environment variables for the resolvers (`ctx.env`). */
  resolverEnv?: Record<string, string>;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (ephemeral) */
  port?: number;
  /** Also serve HTTPS/WSS (AWS Amplify needs it) on this port. @default off */
  tlsPort?: number;
  /** Serves the player page beside the API. @default none */
  page?: PageHandler;
  /** @default 'api-key' */
  auth?: LocalAuthMode;
  /** Answer Cognito's InitiateAuth for these users, with no password checked. @default off */
  localSignIn?: LocalSignInOptions;
  log?: (message: string) => void;
}

export interface LocalApi {
  graphqlUrl: string;
  realtimeUrl: string;
  clipsTable: string;
  httpsGraphqlUrl?: string;
  wssRealtimeUrl?: string;
  caCertPath?: string;
  region: string;
  auth: LocalAuthMode;
  /** Where InitiateAuth goes when the local sign-in is on. */
  signInUrl?: string;
  credentials: LocalCredentials;
  /** The variables every handler of this home runs with, as the CDK stack sets them on AWS. */
  handlerEnvironment: Readonly<Record<string, string>>;
  /** The handlers' clients over that environment, shared by the home's handlers. */
  handlerServices: Services;
  /** Cuts the real-time endpoint off (true) or back on, as a network outage (tests). */
  setRealtimeOutage(down: boolean): void;
  stop(): Promise<void>;
}

/** The API's Lambda data sources, by their names in resolvers/. */
function lambdaHandlers(services: Services) {
  return {
    startHarvest: startHarvestHandler(services),
    removeClip: removeClipHandler(services),
    listCompetitions: listCompetitionsHandler(services),
    describeLiveChannel: describeLiveChannelHandler(services),
    cancelClip: cancelClipHandler(services),
  };
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const log = options.log ?? ((message: string) => console.log(message));
  const tableName = options.clipsTable ?? 'clips';
  const auth = options.auth ?? 'api-key';
  const credentials = await loadOrCreateCredentials(join(options.dataDir, 'credentials'));
  const awsCredentials = { accessKeyId: credentials.iam.accessKeyId, secretAccessKey: credentials.iam.secretAccessKey };

  const dynamodb = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials: awsCredentials });
  traceDynamoDBCalls(dynamodb);
  await ensureTable(dynamodb, clipTableDefinition(tableName), { log });

  // The Lambda data sources publish (startHarvest starts clips waiting for the quota first), so
  // they need the API's own URL: they are made once the server listens, before which no request
  // can reach them.
  const lambdas: { handlers?: ReturnType<typeof lambdaHandlers> } = {};
  const lambda = (name: keyof ReturnType<typeof lambdaHandlers>) => ({
    type: 'AWS_LAMBDA' as const,
    handler: (event: unknown) =>
      tracedLambda(name, event, async () => {
        if (!lambdas.handlers) throw new Error(`${name} was invoked before the API was listening`);
        return lambdas.handlers[name](event as never);
      }),
  });
  const engine = await createEngine({
    schemaPaths: [projectPath('schema/appsync-prelude.graphql'), projectPath('schema/schema.graphql')],
    resolversDir: projectPath('resolvers'),
    dataSources: {
      clips: { type: 'AMAZON_DYNAMODB', tableName, client: dynamodb },
      startHarvest: lambda('startHarvest'),
      removeClip: lambda('removeClip'),
      listCompetitions: lambda('listCompetitions'),
      describeLiveChannel: lambda('describeLiveChannel'),
      cancelClip: lambda('cancelClip'),
    },
    env: options.resolverEnv ?? {},
    limits: API_LIMITS,
    // As deployed, the schema's @aws_api_key directives then name a mode the API lacks: AppSync
    // drops them (infra/constructs/authModeSchema.ts cuts them), and here no caller can have it.
    defaultAuthType: auth === 'cognito' ? 'AMAZON_COGNITO_USER_POOLS' : 'API_KEY',
    log,
  });

  const server = await startAppSyncServer({
    engine,
    auth: {
      ...(auth === 'api-key' ? { apiKeys: [credentials.apiKey] } : {}),
      iam: { region: options.region, principals: [credentials.iam] },
      cognito: credentials.cognito,
    },
    ...(options.localSignIn ? { localSignIn: options.localSignIn } : {}),
    host: options.host,
    port: options.port,
    tls: options.tlsPort === undefined ? false : { dir: join(options.dataDir, 'tls'), port: options.tlsPort },
    ...(options.page ? { page: options.page } : {}),
    log,
  });
  const environment = handlerEnvironment({
    ...options.handlers,
    runtime: { region: options.region, ...awsCredentials },
    store: { clipsTable: tableName, dynamodbEndpoint: options.dynamodbEndpoint },
    publish: { graphqlUrl: server.graphqlUrl },
  });
  const handlerServices = servicesOf(environment);
  lambdas.handlers = lambdaHandlers(handlerServices);

  return {
    graphqlUrl: server.graphqlUrl,
    realtimeUrl: server.realtimeUrl,
    clipsTable: tableName,
    httpsGraphqlUrl: server.httpsGraphqlUrl,
    wssRealtimeUrl: server.wssRealtimeUrl,
    caCertPath: server.caCertPath,
    region: options.region,
    auth,
    ...(server.signInUrl ? { signInUrl: server.signInUrl } : {}),
    credentials,
    handlerEnvironment: environment,
    handlerServices,
    setRealtimeOutage: (down) => server.setRealtimeOutage(down),
    async stop() {
      await server.stop();
      dynamodb.destroy();
    },
  };
}
