// The API-level limits AppSync enforces on every operation, set the same in both homes: the CDK
// stack passes them to AppSync (GraphqlApi queryDepthLimit / resolverCountLimit, i.e.
// CreateGraphqlApi's `queryDepthLimit` and `resolverCountLimit` fields) and the local runtime
// refuses what AppSync would (local/appsync/engine/limits.ts).
// AppSync: "Configuring GraphQL run complexity, query depth, and introspection"
// (https://docs.aws.amazon.com/appsync/latest/devguide/configuration-limits.html) and the
// API reference of CreateGraphqlApi: depth 1-75 (0 = none), resolvers 1-10,000 (0 = 10,000).

export interface ApiLimits {
  /** Levels of nested fields one operation may select; the root field is level 1. */
  queryDepthLimit: number;
  /** Resolvers one request may run. */
  resolverCountLimit: number;
}

export const API_LIMITS: Readonly<ApiLimits> = {
  // The deepest operation apps send is 4 levels (clipsByCompetition > items > manifests > url);
  // 15 still admits the standard introspection query GraphQL tools send (graphql-js's
  // getIntrospectionQuery nests 15 levels) and refuses the cyclic nestings only abuse writes.
  queryDepthLimit: 15,
  // Every resolver of this API sits on a root field and apps send one per operation; 20 admits a
  // screen that batches a few reads and refuses a request that aliases one field hundreds of times.
  resolverCountLimit: 20,
};

