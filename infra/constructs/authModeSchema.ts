// AppSync applies a type's or field's auth directives instead of the API's default mode, and
// directives that name a mode the API lacks are at best dead and at worst refused when the schema
// is created. Rather than rely on AppSync's tolerance, the deployed schema carries only the
// directives of modes the API has: the file unchanged when every mode is on, and otherwise the
// same text with just those directives cut out, so line numbers in AppSync's errors still match.
import { Kind, parse, visit, type ConstDirectiveNode, type DocumentNode, type Location } from 'graphql';

/** AppSync's auth directives and the mode each one names. */
export const AUTH_DIRECTIVES = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
} as const;

export type AuthDirective = keyof typeof AUTH_DIRECTIVES;
export type AuthMode = (typeof AUTH_DIRECTIVES)[AuthDirective];

export class AuthModeSchemaError extends Error {
  override readonly name = 'AuthModeSchemaError';
  constructor(
    message: string,
    /** The type or `Type.field` the problem is on. */
    readonly element: string,
  ) {
    super(message);
  }
}

const isAuthDirective = (name: string): name is AuthDirective => Object.hasOwn(AUTH_DIRECTIVES, name);

/**
 * The schema text for an API with exactly `modes`. An element whose every auth directive names a
 * missing mode is refused: cutting them all would hand it to the default mode, a silent widening.
 */
export function schemaForAuthModes(sdl: string, modes: ReadonlySet<AuthMode>): string {
  const document = parse(sdl);
  const cuts: Location[] = [];
  for (const { element, directives } of elementsWithDirectives(document)) {
    const auth = directives.filter((directive) => isAuthDirective(directive.name.value));
    const dropped = auth.filter((directive) => !modes.has(AUTH_DIRECTIVES[directive.name.value as AuthDirective]));
    if (dropped.length > 0 && dropped.length === auth.length) {
      const names = dropped.map((directive) => `@${directive.name.value}`).join(' ');
      throw new AuthModeSchemaError(
        `${element} allows only ${names}, a mode this API does not have: enable that mode or add a directive for one it has`,
        element,
      );
    }
    for (const directive of dropped) {
      if (!directive.loc) throw new AuthModeSchemaError('the schema was parsed without locations', element);
      cuts.push(directive.loc);
    }
  }
  return cutRanges(sdl, cuts);
}

interface ElementDirectives {
  element: string;
  directives: readonly ConstDirectiveNode[];
}

function elementsWithDirectives(document: DocumentNode): ElementDirectives[] {
  const found: ElementDirectives[] = [];
  let typeName = '';
  visit(document, {
    enter(node) {
      switch (node.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION:
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_DEFINITION:
          typeName = node.name.value;
          found.push({ element: typeName, directives: node.directives ?? [] });
          break;
        case Kind.FIELD_DEFINITION:
        case Kind.INPUT_VALUE_DEFINITION:
          found.push({ element: `${typeName}.${node.name.value}`, directives: node.directives ?? [] });
          break;
        default:
          break;
      }
    },
  });
  return found;
}

/** Removes each range together with the blanks before it, keeping line breaks. */
function cutRanges(text: string, ranges: Location[]): string {
  let result = text;
  for (const range of [...ranges].sort((a, b) => b.start - a.start)) {
    let start = range.start;
    while (start > 0 && (result[start - 1] === ' ' || result[start - 1] === '\t')) start -= 1;
    result = result.slice(0, start) + result.slice(range.end);
  }
  return result;
}
