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

/**
 * Valid documents by their text. Apps send the same few operations again and again (every
 * subscriber of a competition the same one), and parsing and validating each copy anew was a
 * fixed cost of every request; execution never changes a document, so one can serve them all.
 */
export class ValidDocuments {
  readonly #documents = new Map<string, DocumentNode>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly capacity = 500,
  ) {}

  /** The valid document of `query`, or the result that refuses it. */
  get(query: string): { ok: true; document: DocumentNode } | { ok: false; result: ExecutionResult } {
    const known = this.#documents.get(query);
    if (known) return { ok: true, document: known };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { ok: false, result: formatResult({ data: null, errors: [error as GraphQLError] }) };
    }
    const errors = validate(this.schema, document);
    if (errors.length) return { ok: false, result: formatResult({ data: null, errors }, [], document) };
    if (this.#documents.size >= this.capacity) this.#documents.delete(this.#documents.keys().next().value as string);
    this.#documents.set(query, document);
    return { ok: true, document };
  }
}

export function prepare(documents: ValidDocuments, request: GraphQLRequest): Prepared {
  const valid = documents.get(request.query);
  if (!valid.ok) return valid;
  const { document } = valid;
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) {
    const message = request.operationName ? `Unknown operation named '${request.operationName}'.` : 'Must provide operation name if query contains multiple operations.';
    return { ok: false, result: formatResult({ data: null, errors: [new GraphQLError(message)] }) };
  }
  return { ok: true, document, operation };
}
