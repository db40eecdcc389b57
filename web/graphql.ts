// The page's GraphQL over AppSync's HTTP protocol, with the typed documents codegen makes from
// schema/operations.graphql and nothing else.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql/language/printer.js';

export interface GraphqlError {
  message: string;
  errorType?: string;
  /** What the resolver attached: a ConflictError carries the clip as it is now. */
  data?: unknown;
  errorInfo?: { field?: string } | null;
}

/** What the API refused, with the first error's text and type; `offline` when it did not answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly errorType: string | undefined,
    readonly offline = false,
    /** The API's error as it came, when the API answered with one. */
    readonly graphqlError?: GraphqlError,
  ) {
    super(message);
  }
}

/** Where the API is and the auth headers to send it: `x-api-key`, or a Cognito user's `authorization` (web/signIn.ts). */
export interface ApiAccess {
  url: string;
  headers: Readonly<Record<string, string>>;
}

export async function request<T, V>(access: ApiAccess, document: TypedDocumentNode<T, V>, variables: V): Promise<T> {
  let response: Response;
  try {
    response = await fetch(access.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...access.headers },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    throw new ApiError('The API is not answering: is the home running?', undefined, true);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphqlError[] };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.errorType, false, first);
  if (!response.ok || body.data === undefined) throw new ApiError(`The API answered HTTP ${response.status}`, undefined);
  return body.data;
}
