// AppSync's real-time protocol in the browser: one WebSocket, the credentials in the
// `header-<base64url>` subprotocol, `start` per subscription with its authorization, `ka` from
// the server. When the connection drops it reconnects with backoff and calls `onReconnect`, so
// the page can re-list what it may have missed (AppSync does not replay).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql/language/printer.js';
import type { ApiAccess } from './graphql.ts';

export interface RealtimeOptions extends ApiAccess {
  realtimeUrl: string;
  onStatus: (online: boolean) => void;
  onReconnect: () => void;
}

interface Started {
  query: string;
  variables: unknown;
  onData: (data: unknown) => void;
}

const base64Url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const MAX_BACKOFF_MS = 15_000;

export class Realtime {
  private socket: WebSocket | undefined;
  private readonly subscriptions = new Map<string, Started>();
  private attempts = 0;
  private nextId = 0;
  private connectedOnce = false;
  private acknowledged = false;
  private timeoutMs = 300_000;
  private keepAlive: ReturnType<typeof setTimeout> | undefined;
  private readonly authorization: Record<string, string>;

  constructor(private readonly options: RealtimeOptions) {
    this.authorization = { host: new URL(options.url).host, ...options.headers };
    this.connect();
  }

  subscribe<T, V>(document: TypedDocumentNode<T, V>, variables: V, onData: (data: T) => void): () => void {
    const id = `sub-${(this.nextId += 1)}`;
    this.subscriptions.set(id, { query: print(document), variables, onData: onData as (data: unknown) => void });
    this.start(id);
    return () => {
      this.subscriptions.delete(id);
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'stop', id }));
    };
  }

  private connect(): void {
    const socket = new WebSocket(this.options.realtimeUrl, ['graphql-ws', `header-${base64Url(this.authorization)}`]);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as { type: string; id?: string; payload?: Record<string, unknown> });
    socket.onclose = () => this.dropped();
  }

  private receive(message: { type: string; id?: string; payload?: Record<string, unknown> }): void {
    switch (message.type) {
      case 'connection_ack': {
        this.attempts = 0;
        this.acknowledged = true;
        this.options.onStatus(true);
        this.watchKeepAlive(Number(message.payload?.['connectionTimeoutMs'] ?? 300_000));
        for (const id of this.subscriptions.keys()) this.start(id);
        if (this.connectedOnce) this.options.onReconnect();
        this.connectedOnce = true;
        return;
      }
      case 'ka':
        this.watchKeepAlive();
        return;
      case 'data': {
        const data = (message.payload as { data?: unknown } | undefined)?.data;
        if (message.id && data !== undefined) this.subscriptions.get(message.id)?.onData(data);
        return;
      }
      default:
        return;
    }
  }

  private start(id: string): void {
    const started = this.subscriptions.get(id);
    if (!started || !this.acknowledged || this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(
      JSON.stringify({
        id,
        type: 'start',
        payload: { data: JSON.stringify({ query: started.query, variables: started.variables }), extensions: { authorization: this.authorization } },
      }),
    );
  }

  /** No `ka` within the timeout the server stated: the connection is dead even if not closed. */
  private watchKeepAlive(timeoutMs?: number): void {
    if (timeoutMs) this.timeoutMs = timeoutMs;
    clearTimeout(this.keepAlive);
    this.keepAlive = setTimeout(() => this.socket?.close(), this.timeoutMs);
  }

  private dropped(): void {
    clearTimeout(this.keepAlive);
    this.acknowledged = false;
    this.options.onStatus(false);
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts += 1;
    setTimeout(() => this.connect(), delay);
  }
}
