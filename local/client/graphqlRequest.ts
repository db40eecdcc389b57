// One GraphQL call as an app makes it: POST with the API key (or other auth headers), the typed
// document printed.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; errorType?: string; errorInfo?: Record<string, unknown> | null }>;
}

/** A call with the API key, as the local home's apps make it. */
export function graphqlRequest<T, V>(url: string, apiKey: string, document: TypedDocumentNode<T, V>, variables: V): Promise<GraphqlResponse<T>> {
  return graphqlRequestWith(url, { 'x-api-key': apiKey }, document, variables);
}

/** A call with other auth headers: `{ authorization: idToken }` for a Cognito user. */
export async function graphqlRequestWith<T, V>(
  url: string,
  headers: Readonly<Record<string, string>>,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as GraphqlResponse<T>;
}
