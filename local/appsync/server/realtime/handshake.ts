// Where a real-time connection's credentials come from. AppSync accepts them in three places, and
// clients use all three: the `header-<base64url JSON>` subprotocol (Amplify v6, the Apollo
// subscription link), the `header` query parameter with base64 JSON and `payload=e30=` (older
// clients; the only form the old amplify-appsync-simulator read), or plain upgrade request headers.
import type { IncomingMessage } from 'node:http';
import { normalizeHeaders, type AuthRequest } from '../../auth/index.ts';
import { HEADER_SUBPROTOCOL_PREFIX, SUBPROTOCOL } from './protocol.ts';

export interface Handshake {
  /** Whether the client asked for the `graphql-ws` subprotocol, without which AppSync refuses. */
  subprotocolOffered: boolean;
  /** The connection's credentials as a request to authenticate: IAM clients sign `<endpoint>/connect` with body `{}`. */
  authRequest: AuthRequest | undefined;
  /** Why the credentials could not even be read. */
  malformed: string | undefined;
}

export function offeredSubprotocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  return header ? header.split(',').map((protocol) => protocol.trim()).filter(Boolean) : [];
}

function decodeJsonObject(encoded: string): Record<string, unknown> {
  // Buffer's base64 decoder reads both alphabets, padded or not: clients differ on all of these.
  const value: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('not a JSON object');
  return value as Record<string, unknown>;
}

function stringHeaders(value: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header === 'string') headers[name.toLowerCase()] = header;
  }
  return headers;
}

export function readHandshake(request: IncomingMessage, graphqlPath: string, sourceIp: string): Handshake {
  const protocols = offeredSubprotocols(request);
  const subprotocolOffered = protocols.includes(SUBPROTOCOL);
  const url = new URL(request.url ?? '/', 'http://localhost');
  const fromSubprotocol = protocols.find((protocol) => protocol.startsWith(HEADER_SUBPROTOCOL_PREFIX));
  // Older clients append base64 to the URL without percent-encoding it, so a '+' arrives as a
  // space once the query is decoded; base64 has no spaces, so they can only have been '+'.
  const fromQuery = url.searchParams.get('header')?.replaceAll(' ', '+') ?? null;
  const encodedPayload = url.searchParams.get('payload')?.replaceAll(' ', '+') ?? null;

  let headers: Record<string, string>;
  let body = '{}';
  try {
    if (fromSubprotocol !== undefined) {
      headers = stringHeaders(decodeJsonObject(fromSubprotocol.slice(HEADER_SUBPROTOCOL_PREFIX.length)));
    } else if (fromQuery !== null) {
      headers = stringHeaders(decodeJsonObject(fromQuery));
      if (encodedPayload) body = Buffer.from(encodedPayload, 'base64').toString('utf8');
    } else {
      headers = normalizeHeaders(request.headers);
    }
  } catch (error) {
    return { subprotocolOffered, authRequest: undefined, malformed: `unreadable auth header: ${(error as Error).message}` };
  }
  return {
    subprotocolOffered,
    authRequest: { method: 'POST', path: `${graphqlPath}/connect`, headers, body, sourceIp },
    malformed: undefined,
  };
}
