// The GraphQL HTTP endpoint as AppSync serves it: POST /graphql with `{ query, variables,
// operationName }`, CORS open to browsers, 200 with `{ data, errors }` once the request is
// authenticated and parsed, and AppSync's 400/401/403 bodies before that.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, AuthenticationError, normalizeHeaders, type AuthConfig, type CognitoIssuer, type Jwk } from '../auth/index.ts';
import type { Engine } from '../engine/types.ts';
import { RequestErrorType, requestErrorBody, toAppSyncError } from './errors.ts';
import { COGNITO_JSON_CONTENT_TYPE } from '../../../contracts/cognitoSignIn.ts';
import { answerSignIn, LOCAL_SIGN_IN_PATH, type LocalSignInOptions } from './localSignIn.ts';

export interface HttpHandlerOptions {
  engine: Engine;
  auth: AuthConfig;
  graphqlPath: string;
  /** Served at `/.well-known/jwks.json` (and under the user pool id), as Cognito publishes its keys. */
  jwks: { keys: Jwk[] } | undefined;
  userPoolId: string | undefined;
  /** Answers Cognito's InitiateAuth at LOCAL_SIGN_IN_PATH with tokens from this issuer when set. */
  localSignIn: { issuer: Pick<CognitoIssuer, 'issueToken' | 'clientId' | 'userPoolId'>; options: LocalSignInOptions } | undefined;
  /** @default 5 MB, the request size AppSync accepts */
  maxBodyBytes?: number;
  /** Serves what is not the API (a page beside it); answers whether it took the request. @default none */
  page: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined;
  log: (message: string) => void;
}

// What AppSync answers a browser's preflight with: any origin, the headers its clients send.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-amz-date, authorization, x-api-key, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, x-amz-target',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date, x-amz-user-agent',
  'access-control-max-age': '86400',
} as const;

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new BodyTooLargeError(`request body exceeds ${maxBytes} bytes`));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  response.end(text);
}

function sendRequestError(response: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(response, status, requestErrorBody(errorType, message), { 'x-amzn-errortype': errorType });
}

interface GraphQLBody {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

function parseGraphQLBody(text: string): GraphQLBody | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query === '') return undefined;
  const variablesValid = variables === undefined || variables === null || (typeof variables === 'object' && !Array.isArray(variables));
  if (!variablesValid || (operationName !== undefined && operationName !== null && typeof operationName !== 'string')) return undefined;
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: (operationName as string | null | undefined) ?? null,
  };
}

export function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

export function createHttpHandler(options: HttpHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const jwksPaths = new Set(['/.well-known/jwks.json']);
  if (options.userPoolId) jwksPaths.add(`/${options.userPoolId}/.well-known/jwks.json`);

  function failRequest(response: ServerResponse, error: unknown): void {
    if (response.headersSent) return;
    if (error instanceof BodyTooLargeError) {
      sendRequestError(response, 400, RequestErrorType.MalformedHttpRequest, 'Request body is too large.');
      return;
    }
    options.log(`[appsync] request failed: ${(error as Error).stack ?? String(error)}`);
    sendRequestError(response, 500, RequestErrorType.InternalFailure, 'An internal failure occurred.');
  }

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request, maxBodyBytes);
    const headers = normalizeHeaders(request.headers);
    let caller;
    try {
      caller = await authenticate({ method: 'POST', path: request.url ?? options.graphqlPath, headers, body: text, sourceIp: sourceIpOf(request) }, options.auth);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      options.log(`[appsync] refused ${error.authType ?? 'unauthenticated'} request: ${error.reason ?? error.message}`);
      sendRequestError(response, error.statusCode, error.errorType, error.message);
      return;
    }
    if (text.trim() === '') {
      sendRequestError(response, 400, RequestErrorType.MalformedHttpRequest, 'Request body is empty.');
      return;
    }
    const body = parseGraphQLBody(text);
    if (!body) {
      sendRequestError(response, 400, RequestErrorType.MalformedHttpRequest, 'Unable to parse GraphQL query.');
      return;
    }
    const result = await options.engine.execute({ ...body, caller });
    const payload: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors && result.errors.length > 0) payload['errors'] = result.errors.map(toAppSyncError);
    sendJson(response, 200, payload);
  }

  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'OPTIONS') {
      response.writeHead(200, { ...CORS_HEADERS, 'content-length': 0 });
      response.end();
      return;
    }
    if (request.method === 'GET' && jwksPaths.has(path) && options.jwks) {
      sendJson(response, 200, options.jwks);
      return;
    }
    const { localSignIn } = options;
    if (request.method === 'POST' && path === LOCAL_SIGN_IN_PATH && localSignIn) {
      readBody(request, maxBodyBytes)
        .then((text) => {
          const target = normalizeHeaders(request.headers)['x-amz-target'];
          const answer = answerSignIn(target, text, localSignIn.issuer, localSignIn.options);
          if (answer.status === 400) options.log(`[appsync] local sign-in refused: ${answer.body.__type}: ${answer.body.message}`);
          sendJson(response, answer.status, answer.body, { 'content-type': COGNITO_JSON_CONTENT_TYPE });
        })
        .catch((error: unknown) => failRequest(response, error));
      return;
    }
    if (path !== options.graphqlPath && options.page?.(request, response)) return;
    if (path !== options.graphqlPath) {
      sendRequestError(response, 404, RequestErrorType.NotFound, `No resource at ${path}.`);
      return;
    }
    if (request.method !== 'POST') {
      sendRequestError(response, 400, RequestErrorType.MalformedHttpRequest, 'Only POST is supported by the local endpoint.');
      return;
    }
    handleGraphQL(request, response).catch((error: unknown) => failRequest(response, error));
  };
}
