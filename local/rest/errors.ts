// An error a local AWS REST service answers with. restJson1 clients (the AWS SDK v3) read the
// type from the `x-amzn-ErrorType` header and the text from the body's `message`, then throw the
// exception class of that name; each service names its own types and their HTTP status.
export class AwsApiError extends Error {
  override readonly name: string = 'AwsApiError';
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The error's JSON body. restJson1 services differ in the case of `message`; some add members. */
  body(): Record<string, unknown> {
    return { message: this.message };
  }
}
