// The local AppSync engine: the schema with AppSync's scalars and auth directives, the esbuild
// bundles of our APPSYNC_JS resolvers run in node:vm sandboxes against real data sources, and
// subscriptions fed by mutations, all behind the `Engine` contract in types.ts.
import { readFile } from 'node:fs/promises';
import {
  GraphQLError,
  Kind,
  buildSchema as buildSchemaFromSdl,
  defaultFieldResolver,
  execute as executeGraphQL,
  getOperationAST,
  isObjectType,
  isScalarType,
  parse,
  responsePathAsArray,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { bundleResolvers, type ResolverBundle } from '../../../resolvers/bundle/index.ts';
import { FieldAuthorizer } from './authorize.ts';
import { createDataSource, type DataSource, type DataSourceConfig } from './datasources/index.ts';
import { EngineSetupError, ResolverError, UnauthorizedError } from './errors.ts';
import { compileBundle, type CompiledCode } from './evaluate.ts';
import type { SubscriptionFilter } from './filters.ts';
import { formatResult } from './format.ts';
import { appSyncInfo } from './info.ts';
import { runResolver, type CompiledResolver } from './run.ts';
import { awsScalars } from './scalars.ts';
import { newScope, ScopeHolder } from './scope.ts';
import { SubscriptionRegistry, subscriptionTriggers } from './subscriptions.ts';
import type { AuthType, Caller, Engine, GraphQLRequest, SubscribeResult } from './types.ts';
import { createAppSyncModules } from './util/index.ts';

export interface CreateEngineOptions {
  /** SDL files read in order: AppSync's prelude first, then the API's schema. */
  schemaPaths: string[];
  /** The route-named resolver files (see resolvers/bundle). */
  resolversDir: string;
  /** Data sources by the names resolver files use. `NONE` needs no entry. */
  dataSources?: Record<string, DataSourceConfig>;
  /** The API's environment variables, `ctx.env`. @default {} */
  env?: Record<string, string>;
  /** The API's default authorization mode: fields without @aws_* directives admit only it. @default 'API_KEY' */
  defaultAuthType?: AuthType;
  /** @default console.log */
  log?: (message: string) => void;
  /** Longest one handler may run before it fails with errorType `Code`. @default 5000 */
  handlerTimeoutMs?: number;
  /** Clock for util.time and generated ids. @default Date.now */
  now?: () => number;
}

interface SubscribingField {
  fieldName: string;
  args: Record<string, unknown>;
  filters: SubscriptionFilter[];
  invalidationFilters: SubscriptionFilter[];
}

interface RequestContext {
  caller: Caller;
  /** util.appendError's errors: the fields keep their data. */
  appendedErrors: GraphQLError[];
  invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
  subscribing?: SubscribingField;
}

async function buildSchema(schemaPaths: string[]): Promise<GraphQLSchema> {
  const typeDefs = await Promise.all(schemaPaths.map((path) => readFile(path, 'utf8')));
  try {
    const schema = buildSchemaFromSdl(typeDefs.join('\n'));
    // AppSync's scalars get their validation: the prelude only declares them.
    for (const [name, implementation] of Object.entries(awsScalars)) {
      const type = schema.getType(name);
      if (!type || !isScalarType(type)) continue;
      type.serialize = implementation.serialize;
      type.parseValue = implementation.parseValue;
      type.parseLiteral = implementation.parseLiteral;
    }
    return schema;
  } catch (error) {
    throw new EngineSetupError(`the schema (${schemaPaths.join(', ')}) does not build: ${(error as Error).message}`, { cause: error });
  }
}

function compileResolvers(
  bundles: ResolverBundle[],
  dataSources: Map<string, DataSource>,
  compile: (code: string, file: string) => CompiledCode,
): Map<string, CompiledResolver> {
  const dataSource = (name: string, file: string): DataSource => {
    const found = dataSources.get(name);
    if (!found) throw new EngineSetupError(`${file} uses data source ${name}, which is not configured (have: ${[...dataSources.keys()].join(', ')})`);
    return found;
  };
  const compiled = new Map<string, CompiledResolver>();
  for (const bundle of bundles) {
    const code = compile(bundle.code, bundle.file);
    compiled.set(
      `${bundle.typeName}.${bundle.fieldName}`,
      bundle.kind === 'UNIT'
        ? { kind: 'UNIT', code, dataSource: dataSource(bundle.dataSource, bundle.file) }
        : {
            kind: 'PIPELINE',
            code,
            functions: bundle.functions.map((fn) => ({
              name: fn.name,
              code: compile(fn.code, fn.file),
              dataSource: dataSource(fn.dataSource, fn.file),
            })),
          },
    );
  }
  return compiled;
}

/** The root fields of an operation with their response keys (aliases). */
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

type Prepared = { ok: true; document: DocumentNode; operation: OperationDefinitionNode } | { ok: false; result: ExecutionResult };

export async function createEngine(options: CreateEngineOptions): Promise<Engine> {
  const log = options.log ?? ((message: string) => console.log(message));
  const defaultAuthType = options.defaultAuthType ?? 'API_KEY';
  const env = { ...(options.env ?? {}) };
  const scopes = new ScopeHolder();
  const modules = createAppSyncModules(scopes, options.now);

  // Deliveries to subscribers read the mutation's payload as it is: a copy of the schema whose
  // fields keep graphql's default resolvers.
  const [schema, deliverySchema] = await Promise.all([buildSchema(options.schemaPaths), buildSchema(options.schemaPaths)]);
  const dataSources = new Map<string, DataSource>([['NONE', createDataSource('NONE', { type: 'NONE' })]]);
  for (const [name, config] of Object.entries(options.dataSources ?? {})) dataSources.set(name, createDataSource(name, config));
  const bundles = await bundleResolvers({ resolversDir: options.resolversDir, schema });
  const resolvers = compileResolvers(bundles, dataSources, (code, file) =>
    compileBundle(code, { file, modules, log, ...(options.handlerTimeoutMs ? { timeoutMs: options.handlerTimeoutMs } : {}) }),
  );
  const authorizer = new FieldAuthorizer(schema, defaultAuthType);
  const registry = new SubscriptionRegistry(subscriptionTriggers(schema), log);
  const subscriptionTypeName = schema.getSubscriptionType()?.name;
  const rootTypeNames = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type.name] : [])));

  const fieldResolver = (typeName: string, fieldName: string): GraphQLFieldResolver<unknown, RequestContext> => {
    const resolver = resolvers.get(`${typeName}.${fieldName}`);
    const isSubscription = typeName === subscriptionTypeName;
    const isRoot = rootTypeNames.has(typeName);
    return (source, args, context, info) => {
      if (!authorizer.allows(typeName, fieldName, context.caller)) throw new UnauthorizedError(typeName, fieldName);
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
  log(`[appsync] engine ready: ${resolvers.size} resolvers, data sources ${[...dataSources.keys()].join(', ')}`);

  const prepare = (request: GraphQLRequest): Prepared => {
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
  };

  const run = async (request: GraphQLRequest, document: DocumentNode, context: RequestContext): Promise<ExecutionResult> => {
    const result = await executeGraphQL({
      schema,
      document,
      rootValue: {},
      contextValue: context,
      variableValues: request.variables ?? {},
      operationName: request.operationName ?? undefined,
    });
    return 'data' in result ? result : { data: null, ...result };
  };

  return {
    async execute(request) {
      const prepared = prepare(request);
      if (!prepared.ok) return prepared.result;
      const { document, operation } = prepared;
      if (operation.operation === 'subscription') {
        return formatResult({ data: null, errors: [new GraphQLError('Subscriptions are served by the real-time endpoint, not over HTTP.', { nodes: operation })] });
      }
      const context: RequestContext = { caller: request.caller, appendedErrors: [], invalidations: [] };
      const result = await run(request, document, context);
      if (operation.operation === 'mutation' && result.data) {
        const failed = new Set((result.errors ?? []).map((error) => error.path?.[0]));
        for (const { key, name } of rootFields(operation.selectionSet, document)) {
          const value = result.data[key];
          if (value === null || value === undefined || failed.has(key)) continue;
          await registry.publish(name, value);
        }
      }
      for (const { subscriptionField, payload } of context.invalidations) {
        const ended = registry.invalidate(subscriptionField, payload);
        if (ended) log(`[appsync] invalidated ${ended} ${subscriptionField} subscription(s)`);
      }
      return formatResult(result, context.appendedErrors, document, schema);
    },

    async subscribe(request, onData): Promise<SubscribeResult> {
      const prepared = prepare(request);
      if (!prepared.ok) return { ok: false, errors: prepared.result.errors ?? [] };
      const { document, operation } = prepared;
      if (operation.operation !== 'subscription') {
        return { ok: false, errors: formatResult({ errors: [new GraphQLError('Only subscription operations can be subscribed to.', { nodes: operation })] }).errors ?? [] };
      }
      const context: RequestContext = { caller: request.caller, appendedErrors: [], invalidations: [] };
      const result = formatResult(await run(request, document, context), context.appendedErrors, document, schema);
      if (result.errors?.length || !context.subscribing) {
        return { ok: false, errors: result.errors ?? [new GraphQLError('the subscription field did not resolve')] };
      }
      const subscribing = context.subscribing;
      const variables = request.variables ?? {};
      const handle = registry.add({
        ...subscribing,
        document,
        operationName: request.operationName,
        variables,
        deliver: async (payload) =>
          formatResult(
            await executeGraphQL({
              schema: deliverySchema,
              document,
              rootValue: { [subscribing.fieldName]: payload },
              variableValues: variables,
              operationName: request.operationName ?? undefined,
            }),
            [],
            document,
            deliverySchema,
          ),
        onData,
      });
      return { ok: true, handle };
    },
  };
}
