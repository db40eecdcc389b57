// AppSync's API-level operation limits: `queryDepthLimit` (levels of nested fields, 1-75) and
// `resolverCountLimit` (resolvers one request runs, 1-10,000, default 10,000), as set with
// CreateGraphqlApi/UpdateGraphqlApi (developer guide, "Configuring GraphQL run complexity, query
// depth, and introspection"). AppSync reports "a limit error" for an operation out of bounds and
// documents no wording; here the whole operation is refused before any resolver runs (so a refused
// mutation writes nothing), with a request error that names the first field past the limit.
// Resolvers are counted per field of the document: exact for a schema whose resolvers sit on root
// fields (this project's), a lower bound where a resolver sits under a list.
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationLimits {
  /** 0 or unset: no depth limit, as AppSync's default. */
  queryDepthLimit?: number;
  /** 0 or unset: AppSync's 10,000. */
  resolverCountLimit?: number;
}

const APPSYNC_MAX_RESOLVERS = 10_000;

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  hasResolver: (typeName: string, fieldName: string) => boolean;
  depthLimit: number;
  resolverLimit: number;
  resolvers: number;
  error: GraphQLError | undefined;
}

function fieldType(walk: Walk, parent: GraphQLCompositeType, name: string) {
  if (name === SchemaMetaFieldDef.name && parent === walk.schema.getQueryType()) return SchemaMetaFieldDef.type;
  if (name === TypeMetaFieldDef.name && parent === walk.schema.getQueryType()) return TypeMetaFieldDef.type;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name]?.type : undefined;
}

function visit(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, depth: number, path: string, spread: ReadonlySet<string>): void {
  for (const selection of selectionSet.selections) {
    if (walk.error) return;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      // Validation has refused unknown and cyclic fragments already; the guard keeps this total.
      if (!fragment || spread.has(fragment.name.value)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (isCompositeType(type)) visit(walk, fragment.selectionSet, type, depth, path, new Set([...spread, fragment.name.value]));
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (isCompositeType(type)) visit(walk, selection.selectionSet, type, depth, path, spread);
      continue;
    }
    const name = selection.name.value;
    const fieldPath = path ? `${path}.${name}` : name;
    if (walk.depthLimit > 0 && depth > walk.depthLimit) {
      walk.error = new GraphQLError(`Query depth limit of ${walk.depthLimit} exceeded: field '${fieldPath}' is nested ${depth} levels deep.`, { nodes: selection });
      return;
    }
    if (walk.hasResolver(parent.name, name)) {
      walk.resolvers += 1;
      if (walk.resolvers > walk.resolverLimit) {
        walk.error = new GraphQLError(`Resolver count limit of ${walk.resolverLimit} exceeded: field '${fieldPath}' would run resolver number ${walk.resolvers}.`, { nodes: selection });
        return;
      }
    }
    const type = fieldType(walk, parent, name);
    const named = type ? getNamedType(type) : undefined;
    if (selection.selectionSet && named && isCompositeType(named)) visit(walk, selection.selectionSet, named, depth + 1, fieldPath, spread);
  }
}

/** The limit the operation breaks, as a request error; undefined when it stays inside both. */
export function operationLimitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  hasResolver: (typeName: string, fieldName: string) => boolean,
  limits: OperationLimits,
): GraphQLError | undefined {
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const walk: Walk = {
    schema,
    fragments,
    hasResolver,
    depthLimit: limits.queryDepthLimit ?? 0,
    resolverLimit: limits.resolverCountLimit || APPSYNC_MAX_RESOLVERS,
    resolvers: 0,
    error: undefined,
  };
  visit(walk, operation.selectionSet, root, 1, '', new Set());
  return walk.error;
}
