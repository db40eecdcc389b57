// MediaPackage v2's errors, as its API model (`com.amazonaws.mediapackagev2`, in
// @aws-sdk/client-mediapackagev2's models_0.d.ts) names them, with the HTTP status of each (the
// V2 Live API reference, "Errors"). The body carries `Message` and the error's type member.
import { AwsApiError } from '../../rest/index.ts';

export const API_ERRORS = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  ValidationException: 400,
} as const;

export type ApiErrorType = keyof typeof API_ERRORS;

/** ValidationExceptionType values this emulator answers with (a subset of the model's enum). */
export type ValidationExceptionType =
  | 'MEMBER_MISSING'
  | 'MEMBER_INVALID'
  | 'MEMBER_DOES_NOT_MATCH_PATTERN'
  | 'MEMBER_MIN_VALUE'
  | 'MEMBER_MAX_VALUE'
  | 'MEMBER_INVALID_ENUM_VALUE'
  | 'END_TIME_EARLIER_THAN_START_TIME'
  | 'INVALID_HARVEST_JOB_DURATION'
  | 'HARVESTED_MANIFEST_NOT_FOUND_ON_ENDPOINT'
  | 'HARVEST_JOB_S3_DESTINATION_MISSING_OR_INCOMPLETE'
  | 'HARVEST_JOB_INELIGIBLE_FOR_CANCELLATION'
  | 'INVALID_PAGINATION_MAX_RESULTS'
  | 'INVALID_PAGINATION_TOKEN'
  | 'TS_CONTAINER_TYPE_WITH_DASH_MANIFEST'
  | 'NUM_MANIFESTS_LOW'
  | 'MANIFEST_NAME_COLLISION';

export type ConflictExceptionType = 'CONFLICTING_OPERATION' | 'IDEMPOTENT_PARAMETER_MISMATCH' | 'RESOURCE_ALREADY_EXISTS' | 'RESOURCE_IN_USE';

export type ResourceType = 'CHANNEL_GROUP' | 'CHANNEL' | 'ORIGIN_ENDPOINT' | 'HARVEST_JOB';

export class MediaPackageV2ApiError extends AwsApiError {
  override readonly name: string = 'MediaPackageV2ApiError';
  constructor(
    type: ApiErrorType,
    message: string,
    /** The error's own members beside `Message` (e.g. `ValidationExceptionType`). */
    readonly members: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(type, API_ERRORS[type], message, options);
  }

  override body(): Record<string, unknown> {
    return { Message: this.message, ...this.members };
  }
}

export class ValidationError extends MediaPackageV2ApiError {
  override readonly name = 'ValidationError';
  constructor(
    readonly reason: ValidationExceptionType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('ValidationException', message, { ValidationExceptionType: reason }, options);
  }
}

export class ResourceNotFoundError extends MediaPackageV2ApiError {
  override readonly name = 'ResourceNotFoundError';
  constructor(
    readonly resource: ResourceType,
    message: string,
  ) {
    super('ResourceNotFoundException', message, { ResourceTypeNotFound: resource });
  }
}

export class ConflictError extends MediaPackageV2ApiError {
  override readonly name = 'ConflictError';
  constructor(
    readonly reason: ConflictExceptionType,
    message: string,
  ) {
    super('ConflictException', message, { ConflictExceptionType: reason });
  }
}
