// The home the API suites run: the `npm start` home (startLocalHome) in a temporary directory,
// without an encoder or sweeper, harvesting through a MediaPackage double. The suites check the
// GraphQL contract for ranges the local origin never streamed (24 hours back, the last 60 s of a
// home that just started); the local MediaPackage refuses those, as MediaPackage does, so
// startHarvest talks to a wire-level double that accepts and records them
// (test/support/mediaPackageDouble.ts). Everything else is the real home.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedGraphqlClient } from '../../functions/commons/signedGraphql.ts';
import { graphqlRequest, graphqlRequestWith, type GraphqlResponse } from '../../local/client/graphqlRequest.ts';
import { subscribe, type Subscriber } from '../../local/client/realtimeSubscriber.ts';
import type { TimeToLive } from '../../local/dynamodb/index.ts';
import type { CognitoIssuer, IamPrincipal } from '../../local/appsync/auth/index.ts';
import type { ObjectStore } from '../../local/objectstore/index.ts';
import { startLocalHome, type LocalHomeOptions } from '../../local/home/index.ts';
import { startMediaPackageDouble, type MediaPackageDouble } from './mediaPackageDouble.ts';

export interface ApiForTests {
  graphqlUrl: string;
  realtimeUrl: string;
  region: string;
  /** Where the home keeps its credentials (the Cognito issuer's key: `credentials/cognito-key.pem`). */
  dataDir: string;
  /** The home's API key; with `auth: 'cognito'` the API accepts none, this one included. */
  apiKey: string;
  /** The home's Cognito issuer and backend key pair, for suites that make their own callers. */
  cognito: CognitoIssuer;
  iam: IamPrincipal;
  mediaPackage: MediaPackageDouble;
  /** The home's DynamoDB server, for suites that age an item past its time to live. */
  dynamodbEndpoint: string;
  /** The home's time to live: `sweep()` removes what is due now, through the expiry handler. */
  timeToLive: TimeToLive;
  /** The home's object store (the clips bucket is `CLIPS_BUCKET`), for suites that check what was written. */
  objectStore: ObjectStore;
  /** A call as an app makes it, with the API key. */
  request<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<GraphqlResponse<T>>;
  /** A call as a signed-in Cognito user of `groups` makes it, with an id token of the home's issuer. */
  requestAs<T, V>(user: { username: string; groups?: string[] }, document: TypedDocumentNode<T, V>, variables: V): Promise<GraphqlResponse<T>>;
  /** A subscription as an app opens it, with the API key, started and acknowledged. */
  subscribe<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V): Promise<Subscriber<T>>;
  /** A call as the backend makes it, signed with the local IAM credentials. */
  backend<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<T>;
  stop(): Promise<void>;
}

// Wide enough for the 24-hour rule to be reachable before the window rule.
const TEST_STARTOVER_WINDOW_SECONDS = 2 * 24 * 3600;

/** What a suite may set on its home besides the defaults. */
export type ApiForTestsOptions = Pick<LocalHomeOptions, 'auth' | 'createClipRate'>;

export async function startApiForTests(options: ApiForTestsOptions = {}): Promise<ApiForTests> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clips-api-'));
  const mediaPackage = await startMediaPackageDouble();
  const home = await startLocalHome({
    dataDir,
    // v1 channels: the double speaks MediaPackage v1's API.
    channels: [
      { id: 'live', originEndpointId: 'live-hls', version: 'v1' },
      { id: 'arena-2', originEndpointId: 'arena-2-hls', version: 'v1', competitions: ['arena-2-final'] },
    ],
    encoders: false,
    sweepIntervalMs: 'off',
    startoverWindowSeconds: TEST_STARTOVER_WINDOW_SECONDS,
    harvestApi: mediaPackage.endpoint,
    ...options,
    log: () => {},
  });
  const { api } = home;
  const apiKey = api.credentials.apiKey.id;
  const backend = signedGraphqlClient({
    url: api.graphqlUrl,
    region: api.region,
    credentials: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
  });

  return {
    graphqlUrl: api.graphqlUrl,
    realtimeUrl: api.realtimeUrl,
    region: api.region,
    dataDir,
    apiKey,
    cognito: api.credentials.cognito,
    iam: api.credentials.iam,
    mediaPackage,
    dynamodbEndpoint: home.dynamodbEndpoint,
    timeToLive: home.timeToLive,
    objectStore: home.objectStore,
    request: (document, variables) => graphqlRequest(api.graphqlUrl, apiKey, document, variables),
    requestAs: (user, document, variables) =>
      graphqlRequestWith(api.graphqlUrl, { authorization: api.credentials.cognito.issueToken(user) }, document, variables),
    subscribe: (document, variables) =>
      subscribe({ realtimeUrl: api.realtimeUrl, graphqlUrl: api.graphqlUrl, apiKey, query: print(document), variables }),
    backend,
    async stop() {
      await home.stop();
      await mediaPackage.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
