// Run by amplify.test.ts in a child process started with NODE_EXTRA_CA_CERTS (Node reads that
// only at start-up) so Amplify's fetch and WebSocket trust the local self-signed certificate.
// Amplify v6 itself, configured as an app would be, with the local https:// endpoint. It reports
// what happens as JSON lines on stdout. APPSYNC_AUTH picks the mode:
// - apiKey, userPool: one query, then a subscription, reporting its first event;
// - iam: the backend's publishClipUpdate mutation, then a subscription to a field IAM may not read.
// User pool tokens and IAM credentials come from the local home through Amplify's documented
// provider hooks, as the player page and scripts would wire them.
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { decodeJWT } from 'aws-amplify/auth';
import { WebSocket } from 'ws';

type Mode = 'apiKey' | 'userPool' | 'iam';
const env = (name: string) => process.env[name] ?? '';
const mode = env('APPSYNC_AUTH') as Mode;
const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

// Node 20 has no global WebSocket; Amplify constructs `new WebSocket(url, protocols)`.
if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });

const token = env('APPSYNC_TOKEN');
Amplify.configure(
  { API: { GraphQL: { endpoint: env('APPSYNC_ENDPOINT'), region: env('APPSYNC_REGION'), defaultAuthMode: mode, apiKey: env('APPSYNC_API_KEY') } } },
  {
    Auth: {
      tokenProvider: { getTokens: async () => (token ? { accessToken: decodeJWT(token), idToken: decodeJWT(token) } : null) },
      credentialsProvider: {
        getCredentialsAndIdentityId: async () => ({
          credentials: { accessKeyId: env('APPSYNC_ACCESS_KEY_ID'), secretAccessKey: env('APPSYNC_SECRET_ACCESS_KEY') },
        }),
        clearCredentialsAndIdentityId: () => undefined,
      },
    },
  },
);
const client = generateClient();

interface OnClipReady {
  onClipReady: { competition: string; clipId: string; status: string; title: string | null } | null;
}

if (mode === 'iam') {
  const published = await client.graphql({ query: env('APPSYNC_PUBLISH'), variables: JSON.parse(env('APPSYNC_PUBLISH_VARIABLES')) as Record<string, unknown> });
  report({ mutation: 'data' in published ? published.data : null });
} else {
  const query = await client.graphql({ query: 'query Clips { clipsByCompetition(competition: "amplify") { items { clipId } nextToken } }' });
  report({ query: 'data' in query ? query.data : null });
}

const subscription = client
  .graphql<GraphQLSubscription<OnClipReady>>({
    query: 'subscription OnClipReady($competition: ID!) { onClipReady(competition: $competition) { competition clipId status title } }',
    variables: { competition: 'amplify' },
  })
  .subscribe({
    next: ({ data }) => {
      report({ event: data });
      subscription.unsubscribe();
      // Amplify closes its socket a second after the last unsubscribe; do not wait for it.
      process.exit(0);
    },
    error: (error: unknown) => {
      report({ error: JSON.stringify(error) });
      process.exit(0);
    },
  });
report({ subscribed: true });
