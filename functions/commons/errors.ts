// Errors the handlers raise. Each says what to do about it; AWS SDK errors are kept as `cause`.

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly variable: string, reason: string) {
    super(`Environment variable ${variable} ${reason}`);
  }
}

export class HarvestStartError extends Error {
  override readonly name = 'HarvestStartError';
  constructor(
    message: string,
    readonly clipId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
