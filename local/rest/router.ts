// A local AWS REST API as a route table: method and path pattern to a handler over the service's
// context, with bodies read under a size limit, every failure answered in AWS's error shape, and
// a hook through which a test makes the service answer as AWS may (throttled, unavailable).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AwsApiError } from './errors.ts';
import { readJsonBody, sendError, sendJson } from './http.ts';

export interface RestRequest {
  /** The path pattern's groups, URI-decoded. */
  params: string[];
  query: URLSearchParams;
  /** Header names in lower case, as Node gives them. */
  headers: IncomingHttpHeaders;
  /** The JSON body, read on first call. */
  body: () => Promise<Record<string, unknown>>;
}

export interface RestReply {
  status: number;
  body?: unknown;
}

export type RestHandler<C> = (context: C, request: RestRequest) => Promise<RestReply>;

export type RestRoute<C> = readonly [method: string, path: RegExp, handler: RestHandler<C>];

/** Answers a request with an error instead of its operation, or lets it through (undefined). */
export type RequestFault = (request: { method: string; path: string }) => AwsApiError | undefined;

export interface RestApiOptions<C> {
  /** In logs: `[service] GET /path failed`. */
  service: string;
  routes: readonly RestRoute<C>[];
  context: C;
  /** The service's own errors for what the table cannot answer. */
  errors: {
    notFound: (method: string, path: string) => AwsApiError;
    invalidBody: (message: string, cause?: unknown) => AwsApiError;
    internal: (cause: unknown) => AwsApiError;
  };
  /** @default 1 MiB */
  maxBodyBytes?: number;
  /** @default none */
  fault?: RequestFault;
  log: (message: string) => void;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function createRestApi<C>(options: RestApiOptions<C>) {
  const limits = { maxBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, refuse: options.errors.invalidBody };
  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? '';
    try {
      const injected = options.fault?.({ method, path: url.pathname });
      if (injected) throw injected;
      for (const [routeMethod, pattern, handler] of options.routes) {
        const match = pattern.exec(url.pathname);
        if (!match || method !== routeMethod) continue;
        const params = match.slice(1).map((param) => decodeURIComponent(param));
        const reply = await handler(options.context, { params, query: url.searchParams, headers: req.headers, body: () => readJsonBody(req, limits) });
        sendJson(res, reply.status, reply.body);
        return;
      }
      throw options.errors.notFound(method, url.pathname);
    } catch (error) {
      // The rest of an unread body is dropped, so a persistent connection carries on.
      if (!req.complete) req.resume();
      if (error instanceof AwsApiError) {
        sendError(res, error);
        return;
      }
      options.log(`[${options.service}] ${method} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`);
      sendError(res, options.errors.internal(error));
    }
  };
}
