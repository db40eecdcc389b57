// Run by amplify.test.ts in a child process started with NODE_EXTRA_CA_CERTS (Node reads that
// only at start-up) so Amplify's fetch and WebSocket trust the local self-signed certificate.
// Amplify v6 itself, configured as an app would be, with the local https:// endpoint and API key
// auth: it runs one query, then subscribes and reports each event as a JSON line on stdout.
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { WebSocket } from 'ws';

const endpoint = process.env['APPSYNC_ENDPOINT'] ?? '';
const apiKey = process.env['APPSYNC_API_KEY'] ?? '';
const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

// Node 20 has no global WebSocket; Amplify constructs `new WebSocket(url, protocols)`.
if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });

Amplify.configure({ API: { GraphQL: { endpoint, region: 'eu-west-1', defaultAuthMode: 'apiKey', apiKey } } });
const client = generateClient();

const query = await client.graphql({ query: 'query Clips { clipsByCompetition(competition: "amplify") { items { clipId } nextToken } }' });
report({ query: 'data' in query ? query.data : null });

interface OnClipReady {
  onClipReady: { competition: string; clipId: string; status: string; title: string | null } | null;
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
      process.exit(1);
    },
  });
report({ subscribed: true });
