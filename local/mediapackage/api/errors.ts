// MediaPackage's error types, as its API model (`com.amazonaws.mediapackage`) names them, with
// their HTTP status, answered in AWS's error shape (local/rest/).
import { AwsApiError } from '../../rest/index.ts';

export const API_ERRORS = {
  ForbiddenException: 403,
  NotFoundException: 404,
  UnprocessableEntityException: 422,
  TooManyRequestsException: 429,
  InternalServerErrorException: 500,
  ServiceUnavailableException: 503,
} as const;

export type ApiErrorType = keyof typeof API_ERRORS;

export class MediaPackageApiError extends AwsApiError {
  override readonly name: string = 'MediaPackageApiError';
  constructor(type: ApiErrorType, message: string, options?: { cause?: unknown }) {
    super(type, API_ERRORS[type], message, options);
  }
}

/** The resource named in the request path does not exist. */
export class NotFoundError extends MediaPackageApiError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super('NotFoundException', message);
  }
}

/** The request is well-formed but MediaPackage refuses its content (validation, conflicts). */
export class UnprocessableEntityError extends MediaPackageApiError {
  override readonly name = 'UnprocessableEntityError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('UnprocessableEntityException', message, options);
  }
}
