// AppSync's per-field authorization: a field's @aws_* directives say which modes reach it; a field
// without any takes its type's; a type without any admits only the API's default mode.
// (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes)
import { isObjectType, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import type { Caller } from './types.ts';

type Mode = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

interface Rule {
  mode: Mode;
  /** Cognito groups that may pass; undefined = any signed-in user. */
  groups?: string[];
}

const DIRECTIVE_MODES: Record<string, Mode> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
};

function rulesOf(directives: readonly ConstDirectiveNode[] | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const directive of directives ?? []) {
    const mode = DIRECTIVE_MODES[directive.name.value];
    if (!mode) continue;
    const groupsArg = directive.arguments?.find((arg) => arg.name.value === 'cognito_groups');
    const groups = groupsArg?.value.kind === 'ListValue'
      ? groupsArg.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []))
      : undefined;
    rules.push(groups ? { mode, groups } : { mode });
  }
  return rules;
}

export class FieldAuthorizer {
  readonly #rules = new Map<string, Rule[]>();

  constructor(schema: GraphQLSchema, defaultAuthType: Mode) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const typeRules = rulesOf([...(type.astNode?.directives ?? []), ...type.extensionASTNodes.flatMap((node) => node.directives ?? [])]);
      for (const field of Object.values(type.getFields())) {
        const fieldRules = rulesOf(field.astNode?.directives);
        const rules = fieldRules.length ? fieldRules : typeRules.length ? typeRules : [{ mode: defaultAuthType }];
        this.#rules.set(`${type.name}.${field.name}`, rules);
      }
    }
  }

  /** Whether a caller may resolve the field: looked up once per field, asked on every resolution. */
  admits(typeName: string, fieldName: string): (caller: Caller) => boolean {
    if (typeName.startsWith('__') || fieldName.startsWith('__')) return () => true;
    const rules = this.#rules.get(`${typeName}.${fieldName}`) ?? [];
    return (caller) => rules.some((rule) => rule.mode === caller.authType && groupsAllow(rule, caller));
  }
}

function groupsAllow(rule: Rule, caller: Caller): boolean {
  if (!rule.groups) return true;
  const groups = (caller.identity as { groups?: string[] | null } | null)?.groups ?? [];
  return rule.groups.some((group) => groups.includes(group));
}
