// The backend's GraphQL client: requests to the AppSync API signed with AWS Signature V4, as the
// IAM-only publishClipUpdate mutation requires. Credentials come from the default provider chain
// (the Lambda's role on AWS, the local home's credentials in the environment locally).
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface SignedGraphqlOptions {
  url: string;
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface GraphqlErrorEntry {
  message: string;
  errorType?: string;
  path?: ReadonlyArray<string | number>;
}

export class GraphqlRequestError extends Error {
  override readonly name = 'GraphqlRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly errors: GraphqlErrorEntry[],
  ) {
    super(message);
  }
}

export function signedGraphqlClient(options: SignedGraphqlOptions) {
  const signer = new SignatureV4({
    service: 'appsync',
    region: options.region,
    credentials: options.credentials ?? defaultProvider(),
    sha256: Sha256,
  });
  const url = new URL(options.url);

  return async function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    const body = JSON.stringify({ query: print(document), variables });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        headers: { 'content-type': 'application/json', host: url.host },
        body,
      }),
    );
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
    const result = (await response.json()) as { data?: TResult; errors?: GraphqlErrorEntry[] };
    if (!response.ok || result.errors?.length || !result.data) {
      const errors = result.errors ?? [];
      const summary = errors.map((error) => `${error.errorType ?? 'Error'}: ${error.message}`).join('; ');
      throw new GraphqlRequestError(
        `GraphQL request to ${url.host} failed (HTTP ${response.status}): ${summary || 'no data'}`,
        response.status,
        errors,
      );
    }
    return result.data;
  };
}
