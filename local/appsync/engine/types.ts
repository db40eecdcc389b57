// The contract between the local AppSync engine (schema, resolvers, data sources, subscriptions)
// and the network layer that serves it (HTTP, real-time WebSocket, authentication). The network
// layer authenticates a request and hands the engine who is calling; the engine authorizes each
// field by the schema's @aws_* directives, as AppSync does.
import type { ExecutionResult } from 'graphql';

/** AppSync's authorization types, spelled as AppSync spells them. */
export type AuthType = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS';

/** `ctx.identity` for IAM callers, as AppSync fills it. */
export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: string | null;
  cognitoIdentityId: string | null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: string | null;
  cognitoIdentityAuthProvider: string | null;
}

/** `ctx.identity` for Cognito user pool callers, as AppSync fills it. */
export interface CognitoIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW' | 'DENY';
  groups: string[] | null;
}

/** Who is calling, once the network layer has checked their credentials. */
export interface Caller {
  authType: AuthType;
  /** null for API_KEY callers, as in AppSync. */
  identity: IamIdentity | CognitoIdentity | null;
  /** Request headers, lower-cased names (`ctx.request.headers`). */
  headers: Record<string, string>;
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  caller: Caller;
}

/** A live subscription: the engine calls `onData` for every event that passes its filters. */
export interface SubscriptionHandle {
  close(): void;
}

export type SubscribeResult =
  | { ok: true; handle: SubscriptionHandle }
  | { ok: false; errors: NonNullable<ExecutionResult['errors']> };

export interface Engine {
  /** Queries and mutations. Mutations fan out to matching subscriptions before this resolves. */
  execute(request: GraphQLRequest): Promise<ExecutionResult>;
  /**
   * Validates a subscription, authorizes it, runs its resolver (which may set enhanced filters)
   * and registers it. `onData` receives `{ data: { <field>: <payload> } }` holding only the fields
   * the triggering mutation selected, as AppSync delivers.
   */
  subscribe(request: GraphQLRequest, onData: (result: ExecutionResult) => void): Promise<SubscribeResult>;
}
