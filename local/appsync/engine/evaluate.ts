// Runs one APPSYNC_JS bundle in its own node:vm context. The bundle is ESM importing
// `@aws-appsync/utils`; esbuild rewrites it as a CommonJS function body so the sandbox's
// `require` can hand it the local implementations (node:vm cannot link ESM without a flag).
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import { EarlyReturn, ResolverCodeError, ResolverError } from './errors.ts';
import type { AppSyncModules } from './util/index.ts';

export type HandlerName = 'request' | 'response';

export interface CompiledCode {
  readonly file: string;
  has(handler: HandlerName): boolean;
  /** Whether its handlers run under the time limit (mayRunAway), which costs a watchdog thread per call. */
  readonly watched: boolean;
  /** Calls a handler; `util.error`, `runtime.earlyReturn` and code faults come out as thrown host errors. */
  call(handler: HandlerName, ctx: unknown): unknown;
}

export interface CompileOptions {
  file: string;
  modules: AppSyncModules;
  log: (message: string) => void;
  /** Longest a handler may run: a runaway loop in a resolver must not hang the local home. */
  timeoutMs?: number;
}

const CALL = new vm.Script('__handler(__ctx)', { filename: 'appsync-call.js' });

// Node's vm enforces `timeout` with a watchdog thread started for every call, which costs more
// than most handlers (about 250 µs a call on a busy machine: most of createClip's time in the
// runtime). A handler can only run on and on in a loop or a backtracking regular expression of
// its own (a literal or RegExp; util.matches keeps its own time limit): APPSYNC_JS has no
// recursion, generators or eval, and a runaway recursion overflows the stack at once. So code
// without either is called directly and the rest keeps the watchdog; such words in strings and
// comments only add a watchdog that was not needed.
const LOOP_OR_REGEX = /\b(?:for|while|do|RegExp)\b|(?:^|[(,=:[!&|?{};<>+\-%~^]|\breturn|\btypeof|\bcase)\s*\/(?![/*])/m;

/** Whether running `code` could take unbounded time, so its calls need the watchdog. */
export function mayRunAway(code: string): boolean {
  return LOOP_OR_REGEX.test(code);
}

// An inline source map is base64, where `+/` reads as the start of a regular expression.
const SOURCE_MAP_COMMENT = /^\/\/# sourceMappingURL=.*$/m;

export function compileBundle(code: string, options: CompileOptions): CompiledCode {
  const { file, modules, log } = options;
  let body: string;
  try {
    body = transformSync(code, { format: 'cjs', loader: 'js', target: 'es2022', sourcemap: false }).code;
  } catch (error) {
    throw new ResolverCodeError(`cannot compile ${file}: ${(error as Error).message}`, file, { cause: error });
  }
  const sandboxConsole = Object.freeze({
    log: (...args: unknown[]) => log(`[appsync] ${file}: ${args.map(show).join(' ')}`),
    error: (...args: unknown[]) => log(`[appsync] ${file}: ERROR ${args.map(show).join(' ')}`),
  });
  const context = vm.createContext({ console: sandboxConsole }, { codeGeneration: { strings: false, wasm: false } });
  const requireModule = (name: string): unknown => {
    const found = (modules as unknown as Record<string, unknown>)[name];
    if (!found) throw new Error(`APPSYNC_JS cannot import ${name}`);
    return found;
  };
  const module = { exports: {} as Record<string, unknown> };
  const timeout = options.timeoutMs ?? 5000;
  try {
    const factory = new vm.Script(`(function (require, module, exports) {\n${body}\n})`, { filename: file }).runInContext(context, { timeout }) as (req: typeof requireModule, mod: typeof module, exp: unknown) => void;
    factory(requireModule, module, module.exports);
  } catch (error) {
    throw new ResolverCodeError(`cannot load ${file}: ${(error as Error).message}`, file, { cause: error });
  }
  const exported = module.exports;
  // The bundle as written, not `body`: esbuild's CommonJS output adds an export helper with a
  // for-in loop of its own, which put every handler under the watchdog.
  const watched = mayRunAway(code.replace(SOURCE_MAP_COMMENT, ''));
  const invoke = watched
    ? (fn: unknown, ctx: unknown): unknown => {
        context.__handler = fn;
        context.__ctx = ctx;
        try {
          return CALL.runInContext(context, { timeout });
        } finally {
          context.__handler = undefined;
          context.__ctx = undefined;
        }
      }
    : (fn: (ctx: unknown) => unknown, ctx: unknown): unknown => fn(ctx);

  return {
    file,
    watched,
    has: (handler) => typeof exported[handler] === 'function',
    call(handler, ctx) {
      const fn = exported[handler];
      if (typeof fn !== 'function') throw new ResolverCodeError(`${file} exports no ${handler} function`, file);
      try {
        return invoke(fn as (ctx: unknown) => unknown, ctx);
      } catch (error) {
        if (error instanceof ResolverError || error instanceof EarlyReturn) throw error;
        const message = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
          ? String((error as { message: unknown }).message)
          : String(error);
        throw new ResolverCodeError(message, file, { cause: error });
      }
    },
  };
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
