// One request's document: parsed, validated against the schema, its operation chosen, each
// failure answered as AppSync answers it; and the root fields a mutation's pushes go by.
import {
  GraphQLError,
  Kind,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { formatResult } from './format.ts';
import type { GraphQLRequest } from './types.ts';

export /** The root fields of an operation with their response keys (aliases). */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): { key: string; name: string }[] {
  const out: { key: string; name: string }[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) out.push({ key: (selection.alias ?? selection.name).value, name: selection.name.value });
    else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...rootFields(selection.selectionSet, document));
    else {
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) out.push(...rootFields(fragment.selectionSet, document));
    }
  }
  return out;
}

export type Prepared = { ok: true; document: DocumentNode; operation: OperationDefinitionNode } | { ok: false; result: ExecutionResult };

export function prepare(schema: GraphQLSchema, request: GraphQLRequest): Prepared {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return { ok: false, result: formatResult({ data: null, errors: [error as GraphQLError] }) };
  }
  const errors = validate(schema, document);
  if (errors.length) return { ok: false, result: formatResult({ data: null, errors }, [], document) };
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) {
    const message = request.operationName ? `Unknown operation named '${request.operationName}'.` : 'Must provide operation name if query contains multiple operations.';
    return { ok: false, result: formatResult({ data: null, errors: [new GraphQLError(message)] }) };
  }
  return { ok: true, document, operation };
}
