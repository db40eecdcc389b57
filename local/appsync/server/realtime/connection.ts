// One real-time WebSocket connection: acknowledges it, keeps it alive, and runs its subscriptions.
// Every `start` is answered by exactly one `start_ack` or `error`: clients wait 15 s for one and
// give up on the whole connection after that.
import { Kind, OperationTypeNode, parse, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { authenticate, AuthenticationError, normalizeHeaders, type AuthConfig } from '../../auth/index.ts';
import type { Engine, SubscriptionHandle } from '../../engine/types.ts';
import { toAppSyncError } from '../errors.ts';
import {
  ClientMessageType,
  CloseCode,
  CONNECTION_TIMEOUT_MS,
  MAX_SUBSCRIPTION_PAYLOAD_BYTES,
  maxSubscriptionsMessage,
  MessageValidationError,
  parseClientMessage,
  parseStartData,
  realtimeAuthErrorType,
  RealtimeErrorType,
  serialize,
  serializeData,
  ServerMessageType,
  type RealtimeError,
  type ServerMessage,
  type StartMessage,
} from './protocol.ts';

export interface ConnectionOptions {
  engine: Engine;
  auth: AuthConfig;
  /** Path of the GraphQL endpoint: IAM clients sign their starts for it. */
  graphqlPath: string;
  sourceIp: string;
  keepAliveMs: number;
  /** How long the engine may take to register a subscription before the start is answered with an error. */
  startTimeoutMs: number;
  /** Subscriptions the connection may hold at once (an adjustable quota on AppSync). */
  maxSubscriptions: number;
  /** Set when the handshake already failed: the first client message gets this and the socket closes. */
  connectionError: { error: RealtimeError; closeCode: CloseCode } | undefined;
  log: (message: string) => void;
  /**
   * The connection's TCP socket (the upgrade's), held back while one publish sends this
   * connection data for each of its subscriptions, so they leave in one write.
   */
  transport?: Pick<Duplex, 'cork' | 'uncork'>;
}

interface Operation {
  handle: SubscriptionHandle | undefined;
  /** A stop that came while the engine was still registering the subscription. */
  stopped: boolean;
}

// The engine hands every subscriber of one operation the same result object for a publish: its
// payload is serialized and measured once, not once per subscriber.
const payloads = new WeakMap<ExecutionResult, { text: string; bytes: number }>();

function payloadOf(event: ExecutionResult): { text: string; bytes: number } {
  let payload = payloads.get(event);
  if (payload === undefined) {
    const text = JSON.stringify(event.errors ? { data: event.data ?? null, errors: event.errors.map(toAppSyncError) } : { data: event.data ?? null });
    payload = { text, bytes: Buffer.byteLength(text) };
    payloads.set(event, payload);
  }
  return payload;
}

function operationOf(query: string, operationName: string | null): OperationDefinitionNode | undefined {
  try {
    const operations = parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations[0];
  } catch {
    // Syntax errors are the engine's to report, in GraphQL's words.
    return undefined;
  }
}

export class RealtimeConnection {
  private readonly operations = new Map<string, Operation>();
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private corked = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
      this.onMessage(text);
    });
    socket.on('close', () => this.dispose());
    socket.on('error', (error) => this.options.log(`[appsync] real-time socket error: ${error.message}`));
  }

  /** Ends the connection from the server side (server stop). */
  close(code: CloseCode, reason: string): void {
    this.dispose();
    this.socket.close(code, reason);
  }

  /** Drops the connection without a close frame, as a lost network does. */
  cut(): void {
    this.dispose();
    this.socket.terminate();
  }

  private send(message: ServerMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(serialize(message));
  }

  /**
   * A publish delivers to every subscriber in one run of the event loop: writes to this socket
   * until the next tick go out together, one system call for all of this connection's
   * subscriptions instead of one per message.
   */
  private holdWritesForThisTick(): void {
    const { transport } = this.options;
    if (!transport || this.corked) return;
    this.corked = true;
    transport.cork();
    process.nextTick(() => {
      this.corked = false;
      transport.uncork();
    });
  }

  private sendError(id: string | undefined, errors: RealtimeError[]): void {
    this.send(id === undefined ? { type: ServerMessageType.Error, payload: { errors } } : { type: ServerMessageType.Error, id, payload: { errors } });
  }

  private onMessage(text: string): void {
    const { connectionError } = this.options;
    if (connectionError) {
      this.send({ type: ServerMessageType.ConnectionError, payload: { errors: [connectionError.error] } });
      this.close(connectionError.closeCode, connectionError.error.message);
      return;
    }
    let message;
    try {
      message = parseClientMessage(text);
    } catch (error) {
      if (!(error instanceof MessageValidationError)) throw error;
      this.sendError(error.id, [{ errorType: error.errorType, message: error.message }]);
      return;
    }
    switch (message.type) {
      case ClientMessageType.ConnectionInit:
        this.send({ type: ServerMessageType.ConnectionAck, payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
        this.startKeepAlive();
        return;
      case ClientMessageType.Start:
        // connection_init is optional in AppSync's protocol: a start alone opens the connection too.
        this.startKeepAlive();
        void this.start(message);
        return;
      case ClientMessageType.Stop:
        this.stop(message.id);
        return;
    }
  }

  private startKeepAlive(): void {
    if (this.keepAliveTimer || this.closed) return;
    this.send({ type: ServerMessageType.KeepAlive });
    this.keepAliveTimer = setInterval(() => this.send({ type: ServerMessageType.KeepAlive }), this.options.keepAliveMs);
  }

  private async start(message: StartMessage): Promise<void> {
    const { id } = message;
    if (this.operations.has(id)) {
      this.sendError(id, [{ errorType: RealtimeErrorType.DuplicatedOperation, message: `Duplicated operation with id ${id}` }]);
      return;
    }
    if (this.operations.size >= this.options.maxSubscriptions) {
      // The connection and its other subscriptions go on: only this start is refused.
      this.sendError(id, [{ errorType: RealtimeErrorType.MaxSubscriptionsReached, message: maxSubscriptionsMessage(this.options.maxSubscriptions) }]);
      return;
    }
    const operation: Operation = { handle: undefined, stopped: false };
    this.operations.set(id, operation);
    const fail = (errors: RealtimeError[]) => {
      this.operations.delete(id);
      this.sendError(id, errors);
    };
    try {
      const data = parseStartData(message.payload.data, id);
      const caller = await authenticate(
        { method: 'POST', path: this.options.graphqlPath, headers: normalizeHeaders(message.payload.extensions.authorization), body: message.payload.data, sourceIp: this.options.sourceIp },
        this.options.auth,
      );
      const definition = operationOf(data.query, data.operationName);
      if (definition && definition.operation !== OperationTypeNode.SUBSCRIPTION) {
        fail([{ errorType: RealtimeErrorType.UnsupportedOperation, message: `${definition.operation} not supported through the realtime channel` }]);
        return;
      }
      const subscribed = this.options.engine.subscribe({ ...data, caller }, (event) => {
        if (this.operations.get(id) !== operation || operation.stopped) return;
        if (this.socket.readyState !== WebSocket.OPEN) return;
        const payload = payloadOf(event);
        if (payload.bytes > MAX_SUBSCRIPTION_PAYLOAD_BYTES) {
          this.options.log(`[appsync] dropped a ${payload.bytes}-byte payload for subscription ${id}: over the ${MAX_SUBSCRIPTION_PAYLOAD_BYTES}-byte subscription payload quota`);
          return;
        }
        this.holdWritesForThisTick();
        this.socket.send(serializeData(id, payload.text));
      });
      const result = await this.withinStartTimeout(subscribed);
      if (result === 'timeout') {
        this.options.log(`[appsync] start ${id} got no answer from the engine within ${this.options.startTimeoutMs} ms`);
        void subscribed.then((late) => late.ok && late.handle.close(), () => undefined);
        fail([{ errorType: RealtimeErrorType.InternalFailure, message: 'The subscription could not be started in time.' }]);
        return;
      }
      if (!result.ok) {
        fail(result.errors.map((error) => {
          const { errorType, message: text } = toAppSyncError(error);
          return errorType ? { errorType, message: text } : { message: text };
        }));
        return;
      }
      operation.handle = result.handle;
      if (operation.stopped || this.closed) {
        result.handle.close();
        this.operations.delete(id);
        this.send({ type: ServerMessageType.Complete, id });
        return;
      }
      this.send({ type: ServerMessageType.StartAck, id });
    } catch (error) {
      if (error instanceof MessageValidationError) {
        fail([{ errorType: realtimeAuthErrorType(error.errorType), message: error.message }]);
      } else if (error instanceof AuthenticationError) {
        this.options.log(`[appsync] refused start ${id}: ${error.reason ?? error.message}`);
        fail([{ errorType: realtimeAuthErrorType(error.errorType), message: error.message }]);
      } else {
        this.options.log(`[appsync] start ${id} failed: ${(error as Error).stack ?? String(error)}`);
        fail([{ errorType: RealtimeErrorType.InternalFailure, message: 'An internal failure occurred.' }]);
      }
    }
  }

  /** Clients wait 15 s for start_ack and then give up on the connection: answer before they do. */
  private async withinStartTimeout<T>(pending: Promise<T>): Promise<T | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.startTimeoutMs);
    });
    try {
      return await Promise.race([pending, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private stop(id: string): void {
    const operation = this.operations.get(id);
    if (operation && !operation.handle) {
      // Still registering: start() completes it once the engine answers.
      operation.stopped = true;
      return;
    }
    operation?.handle?.close();
    this.operations.delete(id);
    // Stopping an unknown id is answered too: stop is idempotent for clients that retry it.
    this.send({ type: ServerMessageType.Complete, id });
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAliveTimer);
    for (const operation of this.operations.values()) {
      operation.stopped = true;
      operation.handle?.close();
    }
    this.operations.clear();
  }
}
