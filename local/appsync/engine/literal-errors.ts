// A literal argument a scalar refused, in AppSync's words:
// "Validation error of type WrongType: argument 'input.link' with value 'StringValue{value='x'}'
// is not a valid 'AWSURL' @ 'putItem'".
import { Kind, visit, type ASTNode, type DocumentNode, type ValueNode } from 'graphql';

function describeValue(node: ValueNode): string {
  switch (node.kind) {
    case Kind.STRING:
      return `StringValue{value='${node.value}'}`;
    case Kind.INT:
      return `IntValue{value=${node.value}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${node.value}}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${String(node.value)}}`;
    case Kind.ENUM:
      return `EnumValue{name='${node.value}'}`;
    case Kind.NULL:
      return 'NullValue{}';
    default:
      return node.kind;
  }
}

export function literalErrorMessage(document: DocumentNode, node: ASTNode | undefined, scalar: string): string | undefined {
  if (!node || !('kind' in node)) return undefined;
  let found: readonly (ASTNode | readonly ASTNode[])[] | undefined;
  visit(document, {
    enter(current, _key, parent, _path, ancestors) {
      if (current === node) {
        // graphql reuses `ancestors` as it walks on, and leaves the parent out of it.
        found = [...ancestors, ...(parent ? [parent] : [])];
        return false;
      }
      return undefined;
    },
  });
  if (!found) return undefined;
  const nodes = found.filter((item): item is ASTNode => !Array.isArray(item));
  const field = [...nodes].reverse().find((item) => item.kind === Kind.FIELD);
  const argumentPath = nodes
    .filter((item) => item.kind === Kind.ARGUMENT || item.kind === Kind.OBJECT_FIELD)
    .map((item) => (item.kind === Kind.ARGUMENT || item.kind === Kind.OBJECT_FIELD ? item.name.value : ''))
    .join('.');
  const where = field?.kind === Kind.FIELD ? ` @ '${field.name.value}'` : '';
  return `Validation error of type WrongType: argument '${argumentPath}' with value '${describeValue(node as ValueNode)}' is not a valid '${scalar}'${where}`;
}
