/** A bucket name or key that S3 would refuse, or that would escape the store's root. */
export class InvalidObjectNameError extends Error {
  override readonly name = 'InvalidObjectNameError';
  constructor(
    readonly bucket: string,
    readonly key: string | undefined,
    reason: string,
  ) {
    super(`invalid object name ${bucket}/${key ?? ''}: ${reason}`);
  }
}

/** Same meaning as S3's NoSuchKey. */
export class NoSuchKeyError extends Error {
  override readonly name = 'NoSuchKeyError';
  constructor(
    readonly bucket: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`no such key: ${bucket}/${key}`, options);
  }
}
