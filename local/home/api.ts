// The API part of the local home: the clips table on the local DynamoDB server, the AppSync
// engine running the project's schema and resolver bundles with its data sources, and the server
// that speaks AppSync's HTTP and real-time protocols with API key, IAM and Cognito-like auth.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clipTableDefinition } from '../../contracts/clipTable.ts';
import { handler as startHarvest } from '../../functions/startHarvest/index.ts';
import { createEngine } from '../appsync/engine/index.ts';
import { startAppSyncServer } from '../appsync/server/index.ts';
import { ensureTable } from '../dynamodb/index.ts';
import { loadOrCreateCredentials, type LocalCredentials } from './credentials.ts';
import { provideLambdaEnvironment } from './lambdaEnvironment.ts';

const projectPath = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export interface HarvestTarget {
  /** The MediaPackage REST endpoint startHarvest calls. */
  mediaPackageEndpoint: string;
  /** The default channel's origin endpoint. */
  originEndpointId: string;
  /** Competitions that clip from another channel: competition id -> origin endpoint id. */
  competitionOriginEndpoints?: Record<string, string>;
  clipsBucket: string;
  mediaPackageRoleArn: string;
}

export interface LocalApiOptions {
  /** Where credentials and the TLS certificate are kept. */
  dataDir: string;
  dynamodbEndpoint: string;
  region: string;
  /** @default 'clips' */
  clipsTable?: string;
  harvest: HarvestTarget;
  /** AppSync environment variables for the resolvers (`ctx.env`). */
  resolverEnv?: Record<string, string>;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (ephemeral) */
  port?: number;
  /** Also serve HTTPS/WSS (AWS Amplify needs it) on this port. @default off */
  tlsPort?: number;
  log?: (message: string) => void;
}

export interface LocalApi {
  graphqlUrl: string;
  realtimeUrl: string;
  httpsGraphqlUrl?: string;
  wssRealtimeUrl?: string;
  caCertPath?: string;
  region: string;
  credentials: LocalCredentials;
  stop(): Promise<void>;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const log = options.log ?? ((message: string) => console.log(message));
  const tableName = options.clipsTable ?? 'clips';
  const credentials = await loadOrCreateCredentials(join(options.dataDir, 'credentials'));
  const awsCredentials = { accessKeyId: credentials.iam.accessKeyId, secretAccessKey: credentials.iam.secretAccessKey };

  const dynamodb = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials: awsCredentials });
  await ensureTable(dynamodb, clipTableDefinition(tableName));

  provideLambdaEnvironment({
    AWS_REGION: options.region,
    AWS_ACCESS_KEY_ID: credentials.iam.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.iam.secretAccessKey,
    MEDIAPACKAGE_ENDPOINT: options.harvest.mediaPackageEndpoint,
    ORIGIN_ENDPOINT_ID: options.harvest.originEndpointId,
    COMPETITION_ORIGIN_ENDPOINTS: JSON.stringify(options.harvest.competitionOriginEndpoints ?? {}),
    CLIPS_BUCKET: options.harvest.clipsBucket,
    MEDIAPACKAGE_ROLE_ARN: options.harvest.mediaPackageRoleArn,
    // startHarvest starts clips waiting for the harvest-job quota first (and publishes them).
    CLIPS_TABLE: tableName,
    DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
  });

  const engine = await createEngine({
    schemaPaths: [projectPath('schema/appsync-prelude.graphql'), projectPath('schema/schema.graphql')],
    resolversDir: projectPath('resolvers'),
    dataSources: {
      clips: { type: 'AMAZON_DYNAMODB', tableName, client: dynamodb },
      startHarvest: { type: 'AWS_LAMBDA', handler: (event) => startHarvest(event as Parameters<typeof startHarvest>[0]) },
    },
    env: options.resolverEnv ?? {},
    defaultAuthType: 'API_KEY',
    log,
  });

  const server = await startAppSyncServer({
    engine,
    auth: {
      apiKeys: [credentials.apiKey],
      iam: { region: options.region, principals: [credentials.iam] },
      cognito: credentials.cognito,
    },
    host: options.host,
    port: options.port,
    tls: options.tlsPort === undefined ? false : { dir: join(options.dataDir, 'tls'), port: options.tlsPort },
    log,
  });
  provideLambdaEnvironment({ APPSYNC_GRAPHQL_URL: server.graphqlUrl });

  return {
    graphqlUrl: server.graphqlUrl,
    realtimeUrl: server.realtimeUrl,
    httpsGraphqlUrl: server.httpsGraphqlUrl,
    wssRealtimeUrl: server.wssRealtimeUrl,
    caCertPath: server.caCertPath,
    region: options.region,
    credentials,
    async stop() {
      await server.stop();
      dynamodb.destroy();
    },
  };
}
