// Shared by the server suites: a server with every auth mode on, a raw WebSocket that queues what
// it receives, and SigV4 signing as AWS clients do it.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import {
  createApiKey,
  createCognitoIssuer,
  createLocalIamPrincipal,
  type ApiKey,
  type CognitoIssuer,
  type IamPrincipal,
} from '../../../../local/appsync/auth/index.ts';
import type { Engine } from '../../../../local/appsync/engine/types.ts';
import { startAppSyncServer, type AppSyncServer } from '../../../../local/appsync/server/index.ts';

export const REGION = 'eu-west-1';

export interface Harness {
  dir: string;
  server: AppSyncServer;
  apiKey: ApiKey;
  principal: IamPrincipal;
  issuer: CognitoIssuer;
  logs: string[];
  stop(): Promise<void>;
}

export async function startHarness(engine: Engine, options: { tls?: boolean; keepAliveMs?: number; startTimeoutMs?: number } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'appsync-server-'));
  const apiKey = createApiKey();
  const principal = createLocalIamPrincipal();
  const issuer = await createCognitoIssuer({ keyFile: join(dir, 'cognito.pem') });
  const logs: string[] = [];
  const server = await startAppSyncServer({
    engine,
    auth: { apiKeys: [apiKey], iam: { region: REGION, principals: [principal] }, cognito: issuer },
    tls: options.tls ? { dir: join(dir, 'tls') } : false,
    localSignIn: { users: { 'page-editor': ['editors'], 'page-viewer': [] } },
    keepAliveMs: options.keepAliveMs ?? 60_000,
    ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
    log: (message) => logs.push(message),
  });
  return {
    dir,
    server,
    apiKey,
    principal,
    issuer,
    logs,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The headers AppSync's real-time clients sign for the handshake (`<endpoint>/connect`, body `{}`) and each `start`. */
export const REALTIME_SIGNED_HEADERS = { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' };

export async function sigV4Headers(
  principal: IamPrincipal,
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  region = REGION,
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: 'appsync',
    region,
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    headers: { ...headers, host: target.host },
    body,
  });
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, String(value)]));
}

export type Message = Record<string, unknown> & { type: string; id?: string; payload?: Record<string, unknown> };

/** A raw WebSocket that keeps every message, so a test reads them in order as the protocol spec does. */
export class RawClient {
  readonly socket: WebSocket;
  private readonly received: Message[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, protocols?: string[], headers?: Record<string, string>) {
    this.socket = new WebSocket(url, protocols, headers ? { headers } : undefined);
    this.socket.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as Message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message matching `predicate` (by default any but `ka`), dropping those before it. */
  async next(predicate: (message: Message) => boolean = (message) => message.type !== 'ka'): Promise<Message> {
    for (;;) {
      const index = this.received.findIndex(predicate);
      if (index >= 0) {
        const [message] = this.received.splice(0, index + 1).slice(-1);
        return message as Message;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.close();
  }
}

export function headerSubprotocol(headers: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;
}

export async function postGraphQL(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
