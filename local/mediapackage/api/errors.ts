import type { ServerResponse } from 'node:http';

/** The error shapes of MediaPackage's API model (`com.amazonaws.mediapackage`), with their HTTP status. */
export const API_ERRORS = {
  ForbiddenException: 403,
  NotFoundException: 404,
  UnprocessableEntityException: 422,
  TooManyRequestsException: 429,
  InternalServerErrorException: 500,
  ServiceUnavailableException: 503,
} as const;

export type ApiErrorType = keyof typeof API_ERRORS;

export class MediaPackageApiError extends Error {
  override readonly name = 'MediaPackageApiError';
  readonly status: number;

  constructor(
    readonly type: ApiErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = API_ERRORS[type];
  }
}

export const unprocessable = (message: string) => new MediaPackageApiError('UnprocessableEntityException', message);
export const notFound = (message: string) => new MediaPackageApiError('NotFoundException', message);

/** restJson1: the type in `x-amzn-ErrorType`, the message in the body's `message`. */
export function sendApiError(res: ServerResponse, error: MediaPackageApiError): void {
  const body = JSON.stringify({ message: error.message });
  res.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-ErrorType': error.type,
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  res.end(body);
}
