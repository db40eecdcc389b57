// `ctx.info`: AppSync's description of the field being resolved.
import { Kind, print, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export interface AppSyncInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

/** Fields by their response names (aliases), nested ones as `parent/child`, fragments spread in. */
function selectionList(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, prefix: string, out: string[]): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const name = `${prefix}${(selection.alias ?? selection.name).value}`;
      out.push(name);
      selectionList(selection.selectionSet, info, `${name}/`, out);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      selectionList(selection.selectionSet, info, prefix, out);
    } else {
      selectionList(info.fragments[selection.name.value]?.selectionSet, info, prefix, out);
    }
  }
}

type Selection = Pick<AppSyncInfo, 'selectionSetList' | 'selectionSetGraphQL'>;

// Documents are kept by their text (operation.ts), so a field node comes again with every request
// that sends its text: its selection is listed and printed once.
const selections = new WeakMap<FieldNode, Selection>();

function selectionOf(node: FieldNode | undefined, info: GraphQLResolveInfo): Selection {
  const known = node && selections.get(node);
  if (known) return known;
  const list: string[] = [];
  selectionList(node?.selectionSet, info, '', list);
  const selection = { selectionSetList: [...new Set(list)], selectionSetGraphQL: node?.selectionSet ? print(node.selectionSet) : '' };
  if (node) selections.set(node, selection);
  return selection;
}

export function appSyncInfo(info: GraphQLResolveInfo): AppSyncInfo {
  const { selectionSetList, selectionSetGraphQL } = selectionOf(info.fieldNodes[0], info);
  return {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables: { ...info.variableValues },
    // A copy: a handler may change its ctx.info, and the next request must not see it.
    selectionSetList: [...selectionSetList],
    selectionSetGraphQL,
  };
}
