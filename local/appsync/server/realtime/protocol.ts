// AppSync's real-time protocol (developer guide, "Building a real-time WebSocket client"): the
// messages, their validation, and the errors AppSync answers with. It is NOT graphql-ws's
// `graphql-transport-ws`, although the subprotocol is named `graphql-ws`.

export const SUBPROTOCOL = 'graphql-ws';
/** Auth can travel as a second subprotocol: `header-` + base64url(JSON of the auth headers). */
export const HEADER_SUBPROTOCOL_PREFIX = 'header-';
/** What AppSync announces in connection_ack: clients drop the connection after this long without `ka`. */
export const CONNECTION_TIMEOUT_MS = 300_000;

// AppSync's quotas on the real-time endpoint (Service Quotas, AWS AppSync: "Subscriptions per
// connection" 100, adjustable; "Subscription payload size" 240 kB, not adjustable;
// https://docs.aws.amazon.com/general/latest/gr/appsync.html).
/** Subscriptions one connection may hold at once; the next start is refused with MaxSubscriptionsReachedError. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/**
 * Largest subscription payload AppSync delivers. A larger one reaches no subscriber: AppSync counts
 * it in CloudWatch's InboundMessageError ("exceeding the 240 kB subscription payload size limit").
 */
export const MAX_SUBSCRIPTION_PAYLOAD_BYTES = 240 * 1024;

export enum ClientMessageType {
  ConnectionInit = 'connection_init',
  Start = 'start',
  Stop = 'stop',
}

export enum ServerMessageType {
  ConnectionAck = 'connection_ack',
  ConnectionError = 'connection_error',
  KeepAlive = 'ka',
  StartAck = 'start_ack',
  Data = 'data',
  Error = 'error',
  Complete = 'complete',
}

/** Why the server closes a socket. AppSync does not document its codes; these follow RFC 6455. */
export enum CloseCode {
  /** The server is stopping. */
  GoingAway = 1001,
  /** The client did not offer the `graphql-ws` subprotocol. */
  ProtocolError = 1002,
  /** The connection's credentials were refused. */
  PolicyViolation = 1008,
}

/** The `errorType` values AppSync sends over the real-time channel. */
export enum RealtimeErrorType {
  BadRequest = 'BadRequestException',
  UnsupportedOperation = 'UnsupportedOperation',
  DuplicatedOperation = 'DuplicatedOperationError',
  InternalFailure = 'InternalFailure',
  /** A start past the subscriptions-per-connection quota, as AppSync's clients report it. */
  MaxSubscriptionsReached = 'MaxSubscriptionsReachedError',
}

/** AppSync's words for a start past the quota (as Amplify's users quote them, e.g. aws-amplify/amplify-js#8370). */
export function maxSubscriptionsMessage(limit: number): string {
  return `Max number of ${limit} subscriptions reached`;
}

export interface RealtimeError {
  errorType?: string;
  message: string;
  /** Only on connection_error: the HTTP-like status clients use to decide whether to retry. */
  errorCode?: number;
}

export type AuthorizationHeaders = Record<string, string>;

export interface StartMessage {
  type: ClientMessageType.Start;
  id: string;
  payload: {
    /** A JSON string of `{ query, variables, operationName? }`: the exact bytes IAM callers sign. */
    data: string;
    extensions: { authorization: AuthorizationHeaders };
  };
}

export type ClientMessage =
  | { type: ClientMessageType.ConnectionInit }
  | StartMessage
  | { type: ClientMessageType.Stop; id: string };

export type ServerMessage =
  | { type: ServerMessageType.ConnectionAck; payload: { connectionTimeoutMs: number } }
  | { type: ServerMessageType.ConnectionError; payload: { errors: RealtimeError[] } }
  | { type: ServerMessageType.KeepAlive }
  | { type: ServerMessageType.StartAck; id: string }
  | { type: ServerMessageType.Data; id: string; payload: { data: unknown; errors?: unknown[] } }
  | { type: ServerMessageType.Error; id?: string; payload: { errors: RealtimeError[] } }
  | { type: ServerMessageType.Complete; id: string };

/**
 * The errorType a refused credential gets on the real-time channel. AppSync reports a SigV4
 * signature that does not match there as BadRequestException (HTTP says InvalidSignatureException);
 * the other types read the same on both.
 */
export function realtimeAuthErrorType(errorType: string): string {
  return errorType === 'InvalidSignatureException' ? RealtimeErrorType.BadRequest : errorType;
}

/** A message the server cannot act on; `id` is set when the message named one, so the client can match it. */
export class MessageValidationError extends Error {
  override readonly name = 'MessageValidationError';
  readonly errorType: RealtimeErrorType;
  readonly id: string | undefined;

  constructor(message: string, options: { errorType?: RealtimeErrorType; id?: string | undefined } = {}) {
    super(message);
    this.errorType = options.errorType ?? RealtimeErrorType.BadRequest;
    this.id = options.id;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function validateAuthorization(value: unknown, id: string): AuthorizationHeaders {
  if (!isRecord(value)) {
    throw new MessageValidationError("'start' requires 'payload.extensions.authorization' to be an object of headers", { id });
  }
  const headers: AuthorizationHeaders = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header !== 'string') {
      throw new MessageValidationError(`'start' authorization header '${name}' must be a string`, { id });
    }
    headers[name] = header;
  }
  return headers;
}

/** Parses and validates one client frame, field by field. */
export function parseClientMessage(raw: string): ClientMessage {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    throw new MessageValidationError('Message must be valid JSON');
  }
  if (!isRecord(message)) throw new MessageValidationError('Message must be a JSON object');
  const { type } = message;
  const id = nonEmptyString(message['id']) ? message['id'] : undefined;
  if (!nonEmptyString(type)) throw new MessageValidationError("Message requires a non-empty 'type'", { id });

  switch (type) {
    case ClientMessageType.ConnectionInit:
      return { type };
    case ClientMessageType.Stop:
      if (!id) throw new MessageValidationError("'stop' requires a non-empty 'id'");
      return { type, id };
    case ClientMessageType.Start: {
      if (!id) throw new MessageValidationError("'start' requires a non-empty 'id'");
      const { payload } = message;
      if (!isRecord(payload)) throw new MessageValidationError("'start' requires a 'payload' object", { id });
      if (!nonEmptyString(payload['data'])) {
        throw new MessageValidationError("'start' requires 'payload.data' to be a JSON string of { query, variables }", { id });
      }
      const extensions = payload['extensions'];
      if (!isRecord(extensions)) throw new MessageValidationError("'start' requires a 'payload.extensions' object", { id });
      return { type, id, payload: { data: payload['data'], extensions: { authorization: validateAuthorization(extensions['authorization'], id) } } };
    }
    default:
      // AppSync's own answer to anything it does not know, e.g. graphql-transport-ws's `subscribe`.
      throw new MessageValidationError('unknown not supported through the realtime channel', {
        errorType: RealtimeErrorType.UnsupportedOperation,
        id,
      });
  }
}

export interface StartData {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

/** Validates the JSON string in `start.payload.data`. */
export function parseStartData(data: string, id: string): StartData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new MessageValidationError("'start' requires 'payload.data' to be valid JSON", { id });
  }
  if (!isRecord(parsed)) throw new MessageValidationError("'start' requires 'payload.data' to be a JSON object", { id });
  const { query, variables, operationName } = parsed;
  if (!nonEmptyString(query)) throw new MessageValidationError("'start' requires a non-empty 'query' in 'payload.data'", { id });
  if (variables !== undefined && variables !== null && !isRecord(variables)) {
    throw new MessageValidationError("'start' requires 'variables' in 'payload.data' to be an object", { id });
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw new MessageValidationError("'start' requires 'operationName' in 'payload.data' to be a string", { id });
  }
  return { query, variables: variables ?? null, operationName: operationName ?? null };
}

export function serialize(message: ServerMessage): string {
  return JSON.stringify(message);
}

/**
 * A `data` message around a payload serialized once for every subscription it goes to: the same
 * text as `serialize({ type: 'data', id, payload })`.
 */
export function serializeData(id: string, payloadJson: string): string {
  return `{"type":${JSON.stringify(ServerMessageType.Data)},"id":${JSON.stringify(id)},"payload":${payloadJson}}`;
}
