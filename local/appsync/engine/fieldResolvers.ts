// Every field of the schema resolved as AppSync resolves it: authorized for the caller first,
// then its resolver run (or graphql's default where it has none). A subscription field's
// resolver only sets the filters; its data comes from mutations.
import { GraphQLError, defaultFieldResolver, isObjectType, responsePathAsArray, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { FieldAuthorizer } from './authorize.ts';
import { ResolverError, UnauthorizedError } from './errors.ts';
import type { SubscriptionFilter } from './filters.ts';
import { appSyncInfo } from './info.ts';
import { runResolver, type CompiledResolver } from './run.ts';
import { newScope, type ScopeHolder } from './scope.ts';
import type { Caller } from './types.ts';

export interface SubscribingField {
  fieldName: string;
  args: Record<string, unknown>;
  filters: SubscriptionFilter[];
  invalidationFilters: SubscriptionFilter[];
}

export interface RequestContext {
  caller: Caller;
  /** util.appendError's errors: the fields keep their data. */
  appendedErrors: GraphQLError[];
  invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
  subscribing?: SubscribingField;
}

export interface FieldResolution {
  resolvers: ReadonlyMap<string, CompiledResolver>;
  authorizer: FieldAuthorizer;
  env: Record<string, string>;
  scopes: ScopeHolder;
}

export function installFieldResolvers(schema: GraphQLSchema, { resolvers, authorizer, env, scopes }: FieldResolution): void {
  const subscriptionTypeName = schema.getSubscriptionType()?.name;
  const rootTypeNames = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type.name] : [])));
  const fieldResolver = (typeName: string, fieldName: string): GraphQLFieldResolver<unknown, RequestContext> => {
    const resolver = resolvers.get(`${typeName}.${fieldName}`);
    const isSubscription = typeName === subscriptionTypeName;
    const isRoot = rootTypeNames.has(typeName);
    const admits = authorizer.admits(typeName, fieldName);
    return (source, args, context, info) => {
      if (!admits(context.caller)) throw new UnauthorizedError(typeName, fieldName);
      if (!resolver && !isSubscription) return defaultFieldResolver(source, args, context, info);
      const scope = newScope(typeName, fieldName, context.caller.authType);
      const run = resolver
        ? runResolver(resolver, { source: isRoot ? null : source, args, info: appSyncInfo(info), caller: context.caller, env, scope, scopes })
        : Promise.resolve(null);
      return run.then((value) => {
        for (const appended of scope.appendedErrors) {
          context.appendedErrors.push(
            new GraphQLError(appended.message, {
              nodes: info.fieldNodes,
              path: responsePathAsArray(info.path),
              originalError: new ResolverError(appended.message, appended.errorType, appended.data, appended.errorInfo),
            }),
          );
        }
        context.invalidations.push(...scope.invalidations);
        if (!isSubscription) return value;
        // At subscribe time the subscription's resolver only sets filters; data comes from mutations.
        context.subscribing = {
          fieldName,
          args: { ...args },
          filters: scope.subscriptionFilters,
          invalidationFilters: scope.invalidationFilters,
        };
        return null;
      });
    };
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) field.resolve = fieldResolver(type.name, field.name);
  }
}
