// AppSync's queryDepthLimit and resolverCountLimit as the local runtime applies them: depth counts
// nested fields through fragments, resolvers count the fields that have one, and the first field
// past a limit is named.
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationLimitError } from '../../../../local/appsync/engine/limits.ts';

const schema = buildSchema(`
  type Query { clip(id: ID!): Clip, clips: [Clip!]! }
  type Clip { id: ID!, related: Clip, manifests: [Manifest!]! }
  type Manifest { url: String! }
`);
const withResolvers = new Set(['Query.clip', 'Query.clips', 'Clip.related']);

function check(query: string, limits: { queryDepthLimit?: number; resolverCountLimit?: number }) {
  const document = parse(query);
  return operationLimitError(schema, document, getOperationAST(document)!, (type, field) => withResolvers.has(`${type}.${field}`), limits)?.message;
}

describe('operation limits', () => {
  it('admits an operation exactly at the depth limit and names the first field past it', () => {
    expect(check('{ clip(id: "a") { related { id } } }', { queryDepthLimit: 3 })).toBeUndefined();
    expect(check('{ clip(id: "a") { related { related { id } } } }', { queryDepthLimit: 3 })).toBe(
      "Query depth limit of 3 exceeded: field 'clip.related.related.id' is nested 4 levels deep.",
    );
  });

  it('counts depth through named and inline fragments', () => {
    const query = '{ clip(id: "a") { ...deeper } } fragment deeper on Clip { ... on Clip { related { manifests { url } } } }';
    expect(check(query, { queryDepthLimit: 4 })).toBeUndefined();
    expect(check(query, { queryDepthLimit: 3 })).toMatch(/field 'clip.related.manifests.url' is nested 4 levels deep/);
  });

  it('counts the fields that run a resolver, aliases included, and none other', () => {
    const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `c${index}: clip(id: "${index}") { id manifests { url } }`).join(' ')} }`;
    expect(check(aliased(5), { resolverCountLimit: 5 })).toBeUndefined();
    expect(check(aliased(6), { resolverCountLimit: 5 })).toBe("Resolver count limit of 5 exceeded: field 'clip' would run resolver number 6.");
    expect(check('{ clip(id: "a") { related { related { id } } } }', { resolverCountLimit: 2 })).toMatch(/field 'clip.related.related' would run resolver number 3/);
  });

  it('has no depth limit and 10,000 resolvers when none is set, as AppSync', () => {
    expect(check('{ clip(id: "a") { related { related { related { related { id } } } } } }', {})).toBeUndefined();
    expect(check(`{ ${Array.from({ length: 10_001 }, (_, index) => `c${index}: clip(id: "x") { id }`).join(' ')} }`, {})).toMatch(/limit of 10000 exceeded/);
  });
});
