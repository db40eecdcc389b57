// The local AppSync endpoint: GraphQL over HTTP at /graphql and AppSync's real-time protocol at
// /graphql/realtime (the path clients derive for a custom domain), optionally also over TLS.
//
//   const apiKey = await loadOrCreateApiKey('.data/appsync/api-key.json');
//   const backend = await loadOrCreateIamPrincipal('.data/appsync/iam.json');
//   const cognito = await createCognitoIssuer({ keyFile: '.data/appsync/cognito-key.pem' });
//   const server = await startAppSyncServer({
//     engine, // createEngine(...) from ../engine
//     auth: { apiKeys: [apiKey], iam: { region: 'us-east-1', principals: [backend] }, cognito },
//     tls: { dir: '.data/appsync/tls' },
//   });
//   // Apollo: server.graphqlUrl; Amplify v6: server.httpsGraphqlUrl, trusting server.caCertPath.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { authenticate, AuthenticationError, type AuthConfig, type CognitoIssuer } from '../auth/index.ts';
import type { Engine } from '../engine/types.ts';
import { AppSyncServerSetupError } from './errors.ts';
import { createHttpHandler, sourceIpOf } from './http.ts';
import { RealtimeConnection, type ConnectionOptions } from './realtime/connection.ts';
import { readHandshake } from './realtime/handshake.ts';
import { LOCAL_SIGN_IN_PATH, type LocalSignInOptions } from './localSignIn.ts';
import { CloseCode, MAX_SUBSCRIPTIONS_PER_CONNECTION, realtimeAuthErrorType, RealtimeErrorType, SUBPROTOCOL } from './realtime/protocol.ts';
import { ensureTlsCertificate } from './tls.ts';

export { AppSyncServerSetupError } from './errors.ts';
export { LOCAL_SIGN_IN_PATH, type LocalSignInOptions } from './localSignIn.ts';
export { ensureTlsCertificate, type TlsCertificate } from './tls.ts';
export { CloseCode, ClientMessageType, RealtimeErrorType, ServerMessageType } from './realtime/protocol.ts';

export interface AppSyncServerOptions {
  engine: Engine;
  /** The modes the API accepts. Give the whole Cognito issuer to also serve its JWKS. */
  auth: AuthConfig & { cognito?: AuthConfig['cognito'] & Partial<Pick<CognitoIssuer, 'jwks' | 'userPoolId' | 'issueToken' | 'clientId'>> };
  /**
   * Answer Cognito's InitiateAuth (USER_PASSWORD_AUTH) at LOCAL_SIGN_IN_PATH for these users, with
   * tokens from the Cognito issuer, for pages and scripts. No password is checked: anyone who can
   * reach the port can then act as any of these users. @default off
   */
  localSignIn?: LocalSignInOptions;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** Also serve HTTPS and WSS with a self-signed certificate kept in `dir`. @default false */
  tls?: { dir: string; port?: number } | false;
  /** How often `ka` is sent; AppSync clients expect one at least every 60 s. @default 60000 */
  keepAliveMs?: number;
  /** How long a subscription may take to register before its start is answered with an error; clients wait 15 s. @default 10000 */
  startTimeoutMs?: number;
  /** Subscriptions one real-time connection may hold (AppSync's quota, adjustable). @default 100 */
  maxSubscriptionsPerConnection?: number;
  /** Serves GET requests that are not the API, such as a page at the root; answers whether it took one. @default none */
  page?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** @default console.log */
  log?: (message: string) => void;
}

export interface AppSyncServer {
  graphqlUrl: string;
  realtimeUrl: string;
  httpsGraphqlUrl?: string;
  wssRealtimeUrl?: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS or a `ca` option) when `tls` is on. */
  caCertPath?: string;
  /** Where the local sign-in answers InitiateAuth, when `localSignIn` is on. */
  signInUrl?: string;
  /**
   * An outage of the real-time endpoint, as a network drop looks to clients (tests): while on,
   * open connections are cut without a close frame and new ones are refused with 503.
   */
  setRealtimeOutage(down: boolean): void;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';
const REALTIME_PATHS = new Set([`${GRAPHQL_PATH}/realtime`, GRAPHQL_PATH]);
const MAX_MESSAGE_BYTES = 1024 * 1024;

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function localSignInOf(options: AppSyncServerOptions) {
  if (!options.localSignIn) return undefined;
  const { issueToken, clientId, userPoolId } = options.auth.cognito ?? {};
  if (!issueToken || !clientId || !userPoolId) {
    throw new AppSyncServerSetupError('localSignIn needs auth.cognito to be an issuer from createCognitoIssuer().', 'localSignIn');
  }
  return { issuer: { issueToken, clientId, userPoolId }, options: options.localSignIn };
}

export async function startAppSyncServer(options: AppSyncServerOptions): Promise<AppSyncServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string) => console.log(message));
  const keepAliveMs = options.keepAliveMs ?? 60_000;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const connections = new Set<RealtimeConnection>();
  let realtimeDown = false;
  const handler = createHttpHandler({
    engine: options.engine,
    auth: options.auth,
    graphqlPath: GRAPHQL_PATH,
    jwks: options.auth.cognito?.jwks,
    userPoolId: options.auth.cognito?.userPoolId,
    localSignIn: localSignInOf(options),
    page: options.page,
    log,
  });
  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });

  async function connectionErrorOf(request: IncomingMessage): Promise<ConnectionOptions['connectionError']> {
    const handshake = readHandshake(request, GRAPHQL_PATH, sourceIpOf(request));
    if (!handshake.subprotocolOffered) {
      return { error: { message: 'SubProtocolNotSupportedError', errorCode: 400 }, closeCode: CloseCode.ProtocolError };
    }
    if (!handshake.authRequest) {
      log(`[appsync] refused real-time connection: ${handshake.malformed ?? 'no credentials'}`);
      return { error: { errorType: RealtimeErrorType.BadRequest, message: 'Unable to read the authorization header.', errorCode: 400 }, closeCode: CloseCode.PolicyViolation };
    }
    try {
      await authenticate(handshake.authRequest, options.auth);
      return undefined;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      log(`[appsync] refused real-time connection: ${error.reason ?? error.message}`);
      return { error: { errorType: realtimeAuthErrorType(error.errorType), message: error.message, errorCode: error.statusCode }, closeCode: CloseCode.PolicyViolation };
    }
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!REALTIME_PATHS.has(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (realtimeDown) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    // Credentials are checked before the upgrade completes, so no message can overtake the verdict;
    // the verdict itself travels in-protocol (connection_error), where clients look for it.
    connectionErrorOf(request)
      .then((connectionError) => {
        webSockets.handleUpgrade(request, socket, head, (webSocket) => {
          const connection = new RealtimeConnection(webSocket, {
            engine: options.engine,
            auth: options.auth,
            graphqlPath: GRAPHQL_PATH,
            sourceIp: sourceIpOf(request),
            keepAliveMs,
            startTimeoutMs,
            maxSubscriptions: options.maxSubscriptionsPerConnection ?? MAX_SUBSCRIPTIONS_PER_CONNECTION,
            connectionError,
            log,
            transport: socket,
          });
          connections.add(connection);
          webSocket.on('close', () => connections.delete(connection));
        });
      })
      .catch((error: unknown) => {
        log(`[appsync] real-time handshake failed: ${(error as Error).stack ?? String(error)}`);
        socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n');
      });
  }

  const servers: Server[] = [];
  const httpServer = createHttpServer(handler);
  httpServer.on('upgrade', onUpgrade);
  servers.push(httpServer);
  const port = await listen(httpServer, host, options.port ?? 0);
  const base = `${urlHost(host)}:${port}`;
  const result: AppSyncServer = {
    graphqlUrl: `http://${base}${GRAPHQL_PATH}`,
    realtimeUrl: `ws://${base}${GRAPHQL_PATH}/realtime`,
    ...(options.localSignIn ? { signInUrl: `http://${base}${LOCAL_SIGN_IN_PATH}` } : {}),
    setRealtimeOutage(down) {
      realtimeDown = down;
      if (!down) return;
      for (const connection of connections) connection.cut();
      connections.clear();
    },
    async stop() {
      for (const connection of connections) connection.close(CloseCode.GoingAway, 'server stopping');
      connections.clear();
      await Promise.all(servers.map(closeServer));
      webSockets.close();
      log('[appsync] stopped');
    },
  };

  if (options.tls) {
    const certificate = await ensureTlsCertificate(options.tls.dir);
    const httpsServer = createHttpsServer({ cert: certificate.cert, key: certificate.key }, handler);
    httpsServer.on('upgrade', onUpgrade);
    servers.push(httpsServer);
    const tlsPort = await listen(httpsServer, host, options.tls.port ?? 0);
    const tlsBase = `${urlHost(host)}:${tlsPort}`;
    result.httpsGraphqlUrl = `https://${tlsBase}${GRAPHQL_PATH}`;
    result.wssRealtimeUrl = `wss://${tlsBase}${GRAPHQL_PATH}/realtime`;
    result.caCertPath = certificate.certPath;
  }

  log(`[appsync] GraphQL at ${result.graphqlUrl}${result.httpsGraphqlUrl ? ` and ${result.httpsGraphqlUrl}` : ''}, real-time at ${result.realtimeUrl}`);
  return result;
}
