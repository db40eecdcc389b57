// Errors raised while resolving a field. Host-realm classes: the resolver sandbox cannot forge
// or catch them (APPSYNC_JS has no try/catch), so `instanceof` is reliable here.

/** `util.error(...)` and everything that ends a field the way AppSync reports it. */
export class ResolverError extends Error {
  override readonly name: string = 'ResolverError';
  constructor(
    message: string,
    readonly errorType: string | null = null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A field the caller may not reach: AppSync's words and errorType. */
export class UnauthorizedError extends ResolverError {
  override readonly name = 'UnauthorizedError';
  constructor(typeName: string, fieldName: string) {
    super(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized');
  }
}

/** Resolver code failed in a way it did not mean to (a TypeError, a bad import, a timeout). */
export class ResolverCodeError extends ResolverError {
  override readonly name = 'ResolverCodeError';
  constructor(message: string, file: string, options?: { cause?: unknown }) {
    // AppSync attributes faults in the resolver code itself to the errorType `Code`.
    super(message, 'Code', null, null, options);
    this.file = file;
  }
  readonly file: string;
}

/** `runtime.earlyReturn(value, { skipTo })`: unwinds the current handler. */
export class EarlyReturn {
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT' | undefined,
  ) {}
}

/** The engine cannot start: a bad schema, resolver file or data source configuration. */
export class EngineSetupError extends Error {
  override readonly name = 'EngineSetupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
