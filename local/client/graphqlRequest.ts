// One GraphQL call as an app makes it: POST with the API key, the typed document printed.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; errorType?: string; errorInfo?: Record<string, unknown> | null }>;
}

export async function graphqlRequest<T, V>(
  url: string,
  apiKey: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as GraphqlResponse<T>;
}
