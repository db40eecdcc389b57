// Apollo Client 4 with aws-appsync-auth-link and aws-appsync-subscription-link, unchanged, against
// the local endpoint over http:// and ws:// (a non-AppSync host maps to <url>/realtime), in front
// of the real engine and the project's schema and resolvers.
import type { ApolloClient as ApolloClientType, ApolloLink as ApolloLinkType } from '@apollo/client';
import { AUTH_TYPE, type AuthOptions } from 'aws-appsync-auth-link';
import { createRequire } from 'node:module';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION, startHarness, type Harness } from './helpers.ts';
import { HARVEST_REFUSAL, ON_CLIP_READY as ON_CLIP_READY_SOURCE, publishedClip, PUBLISH_CLIP_UPDATE, startRealEngine, type RealEngine } from './realEngine.ts';

// The CommonJS builds, all of them: the ESM build of aws-appsync-auth-link 4 cannot sign in Node
// (it reads `Sha256` off the namespace of the CommonJS @aws-crypto/sha256-js 1.x, where Node only
// exposes `default`: "Sha256 is not a constructor"), and links must share one @apollo/client.
const require = createRequire(import.meta.url);
const { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } = require('@apollo/client') as typeof import('@apollo/client');
const { createAuthLink } = require('aws-appsync-auth-link') as typeof import('aws-appsync-auth-link');
const { createSubscriptionHandshakeLink } = require('aws-appsync-subscription-link') as typeof import('aws-appsync-subscription-link');

const ON_CLIP_READY = gql(ON_CLIP_READY_SOURCE);
const PUBLISH = gql(PUBLISH_CLIP_UPDATE);
const CREATE = gql`
  mutation Create($input: CreateClipInput!) {
    createClip(input: $input) {
      competition
      clipId
      status
      failureReason
    }
  }
`;
const CLIP = gql`
  query Clip($competition: ID!, $clipId: ID!) {
    clip(competition: $competition, clipId: $clipId) {
      clipId
      status
    }
  }
`;

describe('Apollo Client with the AppSync links', () => {
  let real: RealEngine;
  let harness: Harness;
  const hadWebSocket = 'WebSocket' in globalThis;

  beforeAll(async () => {
    // Node 20 has no global WebSocket; the subscription link expects one.
    if (!hadWebSocket) Object.assign(globalThis, { WebSocket });
    real = await startRealEngine();
    harness = await startHarness(real.engine);
  });
  afterAll(async () => {
    await harness.stop();
    await real.stop();
    if (!hadWebSocket) Reflect.deleteProperty(globalThis, 'WebSocket');
  });

  function clientFor(auth: AuthOptions): ApolloClientType {
    const config = { url: harness.server.graphqlUrl, region: REGION, auth };
    // The links' typings point at @apollo/client's CommonJS declarations; the classes are the same.
    const links = [createAuthLink(config), createSubscriptionHandshakeLink(config, new HttpLink({ uri: config.url }) as never)] as unknown as ApolloLinkType[];
    const link = ApolloLink.from(links);
    // Apollo Client 4 adds `extensions.clientLibrary` to the body after the auth link has signed
    // it, which breaks IAM signatures against real AppSync as much as here: switch that off.
    return new ApolloClient({ link, cache: new InMemoryCache(), enhancedClientAwareness: { transport: false } });
  }

  it('runs a mutation as a Cognito editor and a query with an API key', async () => {
    const editor = clientFor({ type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS, jwtToken: () => harness.issuer.issueToken({ username: 'ed', groups: ['editors'] }) });
    const created = await editor.mutate<{ createClip: { clipId: string } }>({ mutation: CREATE, variables: { input: { competition: 'cup' } } });
    const clipId = created.data?.createClip.clipId ?? '';
    expect(created.data).toEqual({
      createClip: { __typename: 'Clip', competition: 'cup', clipId, status: 'FAILED', failureReason: `The harvest could not start: ${HARVEST_REFUSAL}` },
    });

    const reader = clientFor({ type: AUTH_TYPE.API_KEY, apiKey: harness.apiKey.id });
    const read = await reader.query({ query: CLIP, variables: { competition: 'cup', clipId } });
    expect(read.data).toEqual({ clip: { __typename: 'Clip', clipId, status: 'FAILED' } });
    editor.stop();
    reader.stop();
  });

  it('receives an event on a subscription when the backend publishes with IAM', async () => {
    const subscriber = clientFor({ type: AUTH_TYPE.API_KEY, apiKey: harness.apiKey.id });
    const backend = clientFor({
      type: AUTH_TYPE.AWS_IAM,
      credentials: { accessKeyId: harness.principal.accessKeyId, secretAccessKey: harness.principal.secretAccessKey },
    });
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const subscription = subscriber.subscribe({ query: ON_CLIP_READY, variables: { competition: 'cup' } }).subscribe({
      next: (result) => events.push(result.data),
      error: (error: unknown) => errors.push(error),
    });
    // The link reports no readiness without control events, so publish until the first event lands.
    await expect
      .poll(
        async () => {
          await backend.mutate({ mutation: PUBLISH, variables: { input: publishedClip('cup', 'b', 'READY') } });
          return events.length;
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(events[0]).toEqual({ onClipReady: { __typename: 'Clip', competition: 'cup', clipId: 'b', status: 'READY', title: 'Clip b' } });
    subscription.unsubscribe();
    subscriber.stop();
    backend.stop();
  });
});
