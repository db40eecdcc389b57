// MediaPackage-VOD's error types, as its API model names them, answered in AWS's error shape
// (local/rest/).
import { AwsApiError } from '../../rest/index.ts';

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
export class VodApiError extends AwsApiError {
  override readonly name: string = 'VodApiError';
  constructor(type: VodErrorType, message: string, options?: { cause?: unknown }) {
    super(type, STATUS_OF[type], message, options);
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
