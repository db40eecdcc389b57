// MediaPackage-VOD's error types. The SDK reads the type from the `x-amzn-ErrorType` header and
// the text from the body's `message`, then throws the class of the same name.

export type VodErrorType =
  | 'ForbiddenException'
  | 'InternalServerErrorException'
  | 'NotFoundException'
  | 'ServiceUnavailableException'
  | 'TooManyRequestsException'
  | 'UnprocessableEntityException';

const STATUS_OF: Record<VodErrorType, number> = {
  ForbiddenException: 403,
  InternalServerErrorException: 500,
  NotFoundException: 404,
  ServiceUnavailableException: 503,
  TooManyRequestsException: 429,
  UnprocessableEntityException: 422,
};

/** An error the API answers with; `type` and `status` are what the client sees. */
export class VodApiError extends Error {
  override readonly name: string = 'VodApiError';
  readonly status: number;
  constructor(
    readonly type: VodErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = STATUS_OF[type];
  }
}

/** The resource named in the request path does not exist. */
export class NotFoundError extends VodApiError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly resource: 'Asset' | 'PackagingConfiguration' | 'PackagingGroup' | 'Resource',
    readonly id: string,
  ) {
    super('NotFoundException', `${resource} '${id}' not found`);
  }
}

/** The request is well-formed JSON but the service refuses its content (validation, conflicts). */
export class UnprocessableEntityError extends VodApiError {
  override readonly name = 'UnprocessableEntityError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('UnprocessableEntityException', message, options);
  }
}
