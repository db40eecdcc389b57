/** A resolver file whose name or place does not say a valid route into the schema. */
export class ResolverDiscoveryError extends Error {
  override readonly name = 'ResolverDiscoveryError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** esbuild could not bundle a resolver file. */
export class ResolverBundleError extends Error {
  override readonly name = 'ResolverBundleError';
  constructor(
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}
