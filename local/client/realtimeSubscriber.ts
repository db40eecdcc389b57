// A minimal AppSync real-time subscriber, for scripts and test suites: opens the WebSocket with
// its auth headers (`x-api-key`, or a Cognito user's `authorization`) in the `header-` subprotocol, starts one subscription and collects every `data`
// payload in order. Apps use Amplify or Apollo's AppSync links; this has no dependency beyond ws.
import WebSocket from 'ws';

export interface Subscriber<T> {
  received: T[];
  /** Resolves once `count` payloads have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  close(): void;
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The API key, or any auth headers: `{ authorization: idToken }` from client/signIn.ts `authHeaders`. */
type SubscriberAuth = { apiKey: string } | { headers: Readonly<Record<string, string>> };

export async function subscribe<T>(
  options: {
    realtimeUrl: string;
    graphqlUrl: string;
    query: string;
    variables: Record<string, unknown>;
  } & SubscriberAuth,
): Promise<Subscriber<T>> {
  const headers = 'apiKey' in options ? { 'x-api-key': options.apiKey } : options.headers;
  const authorization = { host: new URL(options.graphqlUrl).host, ...headers };
  const socket = new WebSocket(options.realtimeUrl, ['graphql-ws', `header-${base64Url(authorization)}`]);
  const received: T[] = [];
  const waiters: Array<() => void> = [];

  const acknowledged = new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: T; errors?: unknown } };
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: 'sub-1',
            type: 'start',
            payload: {
              data: JSON.stringify({ query: options.query, variables: options.variables }),
              extensions: { authorization },
            },
          }),
        );
      } else if (message.type === 'start_ack') {
        resolve();
      } else if (message.type === 'error' || message.type === 'connection_error') {
        reject(new Error(`subscription refused: ${JSON.stringify(message.payload)}`));
      } else if (message.type === 'data' && message.payload?.data !== undefined) {
        received.push(message.payload.data);
        waiters.splice(0).forEach((wake) => wake());
      }
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
  });
  await acknowledged;

  return {
    received,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise<T[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} payloads, got ${received.length}: ${JSON.stringify(received)}`)),
          timeoutMs,
        );
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received.slice(0, count));
          } else {
            waiters.push(check);
          }
        };
        check();
      }),
    close: () => socket.close(),
  };
}
