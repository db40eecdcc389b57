// One field's resolver, run as AppSync runs it: unit (request -> data source -> response) or
// pipeline (before -> each function's request -> data source -> response -> after).
import { DataSourceRequestError, type DataSource } from './datasources/index.ts';
import { EarlyReturn, ResolverError } from './errors.ts';
import type { CompiledCode } from './evaluate.ts';
import type { AppSyncInfo } from './info.ts';
import type { InvocationScope, ScopeHolder } from './scope.ts';
import type { Caller } from './types.ts';

export interface CompiledFunction {
  name: string;
  code: CompiledCode;
  dataSource: DataSource;
}

export type CompiledResolver =
  | { kind: 'UNIT'; code: CompiledCode; dataSource: DataSource }
  | { kind: 'PIPELINE'; code: CompiledCode; functions: CompiledFunction[] };

export interface FieldInput {
  source: unknown;
  args: Record<string, unknown>;
  info: AppSyncInfo;
  caller: Caller;
  env: Record<string, string>;
  scope: InvocationScope;
  scopes: ScopeHolder;
}

/** AppSync passes JSON between its stages: `undefined` is gone, dates are strings. */
function json(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

interface Ctx {
  arguments: unknown;
  args: unknown;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown } | undefined;
  result: unknown;
  error: { message: string; type: string } | undefined;
  info: AppSyncInfo;
  request: { headers: Record<string, string>; domainName: string | null };
  env: Record<string, string>;
}

function newCtx(input: FieldInput): Ctx {
  const args = json(input.args);
  return {
    arguments: args,
    args,
    identity: json(input.caller.identity),
    source: json(input.source),
    stash: {},
    prev: undefined,
    result: undefined,
    error: undefined,
    info: input.info,
    request: { headers: { ...input.caller.headers }, domainName: null },
    env: { ...input.env },
  };
}

function call(input: FieldInput, code: CompiledCode, handler: 'request' | 'response', ctx: Ctx): unknown {
  return input.scopes.run(input.scope, () => code.call(handler, ctx));
}

async function invoke(dataSource: DataSource, request: unknown, ctx: Ctx): Promise<{ result: unknown; error: Ctx['error'] }> {
  try {
    const outcome = await dataSource.invoke(json(request), () =>
      json({ arguments: ctx.arguments, identity: ctx.identity, source: ctx.source, request: ctx.request, prev: ctx.prev, info: ctx.info, stash: ctx.stash }),
    );
    return { result: outcome.result, error: outcome.error };
  } catch (error) {
    if (error instanceof DataSourceRequestError) {
      // A request object the data source cannot take: AppSync refuses it before calling it.
      throw new ResolverError(error.message, 'MappingTemplate', null, null, { cause: error });
    }
    throw error;
  }
}

/** request -> data source -> response with ctx.result/ctx.error; earlyReturn skips the rest. */
async function runStep(input: FieldInput, code: CompiledCode, dataSource: DataSource, ctx: Ctx): Promise<{ value: unknown; end: boolean }> {
  let request: unknown;
  try {
    request = call(input, code, 'request', ctx);
  } catch (signal) {
    if (signal instanceof EarlyReturn) return { value: json(signal.value), end: signal.skipTo === 'END' };
    throw signal;
  }
  const outcome = await invoke(dataSource, request, ctx);
  ctx.result = outcome.result;
  ctx.error = outcome.error;
  try {
    return { value: json(call(input, code, 'response', ctx)), end: false };
  } catch (signal) {
    if (signal instanceof EarlyReturn) return { value: json(signal.value), end: false };
    throw signal;
  }
}

export async function runResolver(resolver: CompiledResolver, input: FieldInput): Promise<unknown> {
  const ctx = newCtx(input);
  if (resolver.kind === 'UNIT') return (await runStep(input, resolver.code, resolver.dataSource, ctx)).value;

  let previous: unknown;
  let skipFunctions = false;
  try {
    previous = json(call(input, resolver.code, 'request', ctx));
  } catch (signal) {
    // earlyReturn in the before step skips the functions; the after step still runs (AppSync's
    // documented behaviour for pipeline request handlers).
    if (!(signal instanceof EarlyReturn)) throw signal;
    previous = json(signal.value);
    skipFunctions = true;
  }
  if (!skipFunctions) {
    for (const fn of resolver.functions) {
      ctx.prev = { result: previous };
      ctx.result = undefined;
      ctx.error = undefined;
      const step = await runStep(input, fn.code, fn.dataSource, ctx);
      previous = step.value;
      if (step.end) break;
    }
  }
  ctx.prev = { result: previous };
  ctx.result = previous;
  ctx.error = undefined;
  try {
    return json(call(input, resolver.code, 'response', ctx));
  } catch (signal) {
    if (signal instanceof EarlyReturn) return json(signal.value);
    throw signal;
  }
}
