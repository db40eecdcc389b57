// The local AppSync engine: the schema with AppSync's scalars and auth directives, the esbuild
// bundles of our APPSYNC_JS resolvers run in node:vm sandboxes against real data sources, and
// subscriptions fed by mutations, all behind the `Engine` contract in types.ts.
import { GraphQLError, execute as executeGraphQL, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { bundleResolvers } from '../../../resolvers/bundle/index.ts';
import { FieldAuthorizer } from './authorize.ts';
import { compileResolvers } from './compile.ts';
import { createDataSource, type DataSource, type DataSourceConfig } from './datasources/index.ts';
import { compileBundle } from './evaluate.ts';
import { installFieldResolvers, type RequestContext } from './fieldResolvers.ts';
import { formatResult } from './format.ts';
import { operationLimitError, type OperationLimits } from './limits.ts';
import { prepare, rootFields, ValidDocuments, type Prepared } from './operation.ts';
import { buildSchema } from './schema.ts';
import { ScopeHolder } from './scope.ts';
import { SubscriptionRegistry, subscriptionTriggers } from './subscriptions.ts';
import type { AuthType, Engine, GraphQLRequest, SubscribeResult } from './types.ts';
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
  /** AppSync's API-level queryDepthLimit and resolverCountLimit. @default none, as AppSync's */
  limits?: OperationLimits;
}

export async function createEngine(options: CreateEngineOptions): Promise<Engine> {
  const log = options.log ?? ((message: string) => console.log(message));
  const scopes = new ScopeHolder();
  const modules = createAppSyncModules(scopes, options.now, options.handlerTimeoutMs);

  // Deliveries to subscribers read the mutation's payload as it is: a copy of the schema whose
  // fields keep graphql's default resolvers.
  const [schema, deliverySchema] = await Promise.all([buildSchema(options.schemaPaths), buildSchema(options.schemaPaths)]);
  const dataSources = new Map<string, DataSource>([['NONE', createDataSource('NONE', { type: 'NONE' })]]);
  for (const [name, config] of Object.entries(options.dataSources ?? {})) dataSources.set(name, createDataSource(name, config));
  const bundles = await bundleResolvers({ resolversDir: options.resolversDir, schema });
  const resolvers = compileResolvers(bundles, dataSources, (code, file) =>
    compileBundle(code, { file, modules, log, ...(options.handlerTimeoutMs ? { timeoutMs: options.handlerTimeoutMs } : {}) }),
  );
  installFieldResolvers(schema, {
    resolvers,
    authorizer: new FieldAuthorizer(schema, options.defaultAuthType ?? 'API_KEY'),
    env: { ...(options.env ?? {}) },
    scopes,
  });
  // Each file under the time limit pays for a watchdog thread on every call (evaluate.ts).
  const files = [...resolvers.values()].flatMap((resolver) => (resolver.kind === 'PIPELINE' ? [resolver.code, ...resolver.functions.map((fn) => fn.code)] : [resolver.code]));
  log(
    `[appsync] engine ready: ${resolvers.size} resolvers, ${files.filter((code) => code.watched).length} of ${files.length} files under the time limit, ` +
      `data sources ${[...dataSources.keys()].join(', ')}`,
  );
  const limits = options.limits ?? {};
  // Documents are kept by their text (operation.ts), so an operation node stands for its text and
  // is walked once, not on every request and subscription that sends it.
  const limitErrors = new WeakMap<OperationDefinitionNode, GraphQLError | null>();
  const withinLimits = (prepared: Prepared): Prepared => {
    if (!prepared.ok) return prepared;
    let error = limitErrors.get(prepared.operation);
    if (error === undefined) {
      error = operationLimitError(schema, prepared.document, prepared.operation, (type, field) => resolvers.has(`${type}.${field}`), limits) ?? null;
      limitErrors.set(prepared.operation, error);
    }
    return error ? { ok: false, result: formatResult({ data: null, errors: [error] }) } : prepared;
  };
  return new LocalEngine(schema, deliverySchema, new SubscriptionRegistry(subscriptionTriggers(schema), log), log, withinLimits);
}

class LocalEngine implements Engine {
  readonly #documents: ValidDocuments;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly deliverySchema: GraphQLSchema,
    private readonly registry: SubscriptionRegistry,
    private readonly log: (message: string) => void,
    /** Refuses an operation past the API's limits (limits.ts) before anything runs. */
    private readonly withinLimits: (prepared: Prepared) => Prepared,
  ) {
    this.#documents = new ValidDocuments(schema);
  }

  async execute(request: GraphQLRequest): Promise<ExecutionResult> {
    const prepared = this.withinLimits(prepare(this.#documents, request));
    if (!prepared.ok) return prepared.result;
    const { document, operation } = prepared;
    if (operation.operation === 'subscription') {
      return formatResult({ data: null, errors: [new GraphQLError('Subscriptions are served by the real-time endpoint, not over HTTP.', { nodes: operation })] });
    }
    const context: RequestContext = { caller: request.caller, appendedErrors: [], invalidations: [] };
    const result = await this.run(request, document, context);
    if (operation.operation === 'mutation' && result.data) {
      const failed = new Set((result.errors ?? []).map((error) => error.path?.[0]));
      for (const { key, name } of rootFields(operation.selectionSet, document)) {
        const value = result.data[key];
        if (value === null || value === undefined || failed.has(key)) continue;
        await this.registry.publish(name, value);
      }
    }
    for (const { subscriptionField, payload } of context.invalidations) {
      const ended = this.registry.invalidate(subscriptionField, payload);
      if (ended) this.log(`[appsync] invalidated ${ended} ${subscriptionField} subscription(s)`);
    }
    return formatResult(result, context.appendedErrors, document, this.schema);
  }

  async subscribe(request: GraphQLRequest, onData: Parameters<Engine['subscribe']>[1]): Promise<SubscribeResult> {
    const prepared = this.withinLimits(prepare(this.#documents, request));
    if (!prepared.ok) return { ok: false, errors: prepared.result.errors ?? [] };
    const { document, operation } = prepared;
    if (operation.operation !== 'subscription') {
      return { ok: false, errors: formatResult({ errors: [new GraphQLError('Only subscription operations can be subscribed to.', { nodes: operation })] }).errors ?? [] };
    }
    const context: RequestContext = { caller: request.caller, appendedErrors: [], invalidations: [] };
    const result = formatResult(await this.run(request, document, context), context.appendedErrors, document, this.schema);
    if (result.errors?.length || !context.subscribing) {
      return { ok: false, errors: result.errors ?? [new GraphQLError('the subscription field did not resolve')] };
    }
    const subscribing = context.subscribing;
    const variables = request.variables ?? {};
    const handle = this.registry.add({
      ...subscribing,
      document,
      operationName: request.operationName,
      variables,
      deliveryKey: JSON.stringify([request.query, request.operationName ?? null, variables]),
      deliver: async (payload) =>
        formatResult(
          await executeGraphQL({
            schema: this.deliverySchema,
            document,
            rootValue: { [subscribing.fieldName]: payload },
            variableValues: variables,
            operationName: request.operationName ?? undefined,
          }),
          [],
          document,
          this.deliverySchema,
        ),
      onData,
    });
    return { ok: true, handle };
  }

  private async run(request: GraphQLRequest, document: DocumentNode, context: RequestContext): Promise<ExecutionResult> {
    const result = await executeGraphQL({
      schema: this.schema,
      document,
      rootValue: {},
      contextValue: context,
      variableValues: request.variables ?? {},
      operationName: request.operationName ?? undefined,
    });
    return 'data' in result ? result : { data: null, ...result };
  }
}
