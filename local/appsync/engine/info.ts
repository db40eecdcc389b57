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

export function appSyncInfo(info: GraphQLResolveInfo): AppSyncInfo {
  const node: FieldNode | undefined = info.fieldNodes[0];
  const selectionSetList: string[] = [];
  selectionList(node?.selectionSet, info, '', selectionSetList);
  return {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables: { ...info.variableValues },
    selectionSetList: [...new Set(selectionSetList)],
    selectionSetGraphQL: node?.selectionSet ? print(node.selectionSet) : '',
  };
}
