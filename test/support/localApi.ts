// The local home's API as the API suites use it: real DynamoDB server (in memory), real engine,
// real server, real startHarvest handler; only MediaPackage is the wire-level double.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedGraphqlClient } from '../../functions/commons/signedGraphql.ts';
import { startDynamoDB } from '../../local/dynamodb/index.ts';
import { startLocalApi } from '../../local/home/api.ts';
import { graphqlRequest, type GraphqlResponse } from '../../local/client/graphqlRequest.ts';
import { startMediaPackageDouble, type MediaPackageDouble } from './mediaPackageDouble.ts';
import { subscribe, type Subscriber } from '../../local/client/realtimeSubscriber.ts';

export interface ApiForTests {
  graphqlUrl: string;
  realtimeUrl: string;
  apiKey: string;
  mediaPackage: MediaPackageDouble;
  /** A call as an app makes it, with the API key. */
  request<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<GraphqlResponse<T>>;
  /** A subscription as an app opens it, with the API key, started and acknowledged. */
  subscribe<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V): Promise<Subscriber<T>>;
  /** A call as the backend makes it, signed with the local IAM credentials. */
  backend<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<T>;
  stop(): Promise<void>;
}

// Wide enough for the 24-hour rule to be reachable before the window rule.
const TEST_STARTOVER_WINDOW_SECONDS = 2 * 24 * 3600;

export async function startApiForTests(): Promise<ApiForTests> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clips-api-'));
  const quiet = () => {};
  const dynamodb = await startDynamoDB({ log: quiet });
  const mediaPackage = await startMediaPackageDouble();
  const api = await startLocalApi({
    dataDir,
    dynamodbEndpoint: dynamodb.endpoint,
    region: 'us-east-1',
    handlers: {
      harvester: {
        mediaPackageEndpoint: mediaPackage.endpoint,
        originEndpointId: 'live-hls',
        competitionOriginEndpoints: { 'arena-2-final': 'arena-2-hls' },
        clipsBucket: 'clips',
        mediaPackageRoleArn: 'arn:aws:iam::000000000000:role/MediaPackageClips',
      },
    },
    resolverEnv: { STARTOVER_WINDOW_SECONDS: String(TEST_STARTOVER_WINDOW_SECONDS) },
    log: quiet,
  });
  const apiKey = api.credentials.apiKey.id;
  const backend = signedGraphqlClient({
    url: api.graphqlUrl,
    region: api.region,
    credentials: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
  });

  return {
    graphqlUrl: api.graphqlUrl,
    realtimeUrl: api.realtimeUrl,
    apiKey,
    mediaPackage,
    request: (document, variables) => graphqlRequest(api.graphqlUrl, apiKey, document, variables),
    subscribe: (document, variables) =>
      subscribe({ realtimeUrl: api.realtimeUrl, graphqlUrl: api.graphqlUrl, apiKey, query: print(document), variables }),
    backend,
    async stop() {
      await api.stop();
      await mediaPackage.stop();
      await dynamodb.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
