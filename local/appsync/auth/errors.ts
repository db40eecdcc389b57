// Authentication failures as AppSync reports them: an HTTP status, a machine `errorType` (also sent
// as the `x-amzn-ErrorType` header) and AppSync's own wording, so clients branch on them unchanged.
import type { AuthType } from '../engine/types.ts';

/** The `errorType` values AppSync uses when it refuses a caller's credentials. */
export enum AuthErrorType {
  Unauthorized = 'UnauthorizedException',
  InvalidSignature = 'InvalidSignatureException',
  UnrecognizedClient = 'UnrecognizedClientException',
  BadRequest = 'BadRequestException',
}

export const NOT_AUTHORIZED_MESSAGE = 'You are not authorized to make this call.';
export const NO_VALID_HEADER_MESSAGE = 'Valid authorization header not provided.';

export interface AuthenticationErrorOptions {
  errorType: AuthErrorType;
  statusCode: 400 | 401 | 403;
  /** The mode the request tried, when it could be told. */
  authType?: AuthType;
  /** Why, for the local log only: AppSync never tells the caller which check failed. */
  reason?: string;
  cause?: unknown;
}

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly errorType: AuthErrorType;
  readonly statusCode: 400 | 401 | 403;
  readonly authType: AuthType | undefined;
  readonly reason: string | undefined;

  constructor(message: string, options: AuthenticationErrorOptions) {
    super(message, { cause: options.cause });
    this.errorType = options.errorType;
    this.statusCode = options.statusCode;
    this.authType = options.authType;
    this.reason = options.reason;
  }
}

export function unauthorized(authType: AuthType | undefined, reason: string, message = NOT_AUTHORIZED_MESSAGE): AuthenticationError {
  return new AuthenticationError(message, { errorType: AuthErrorType.Unauthorized, statusCode: 401, authType, reason });
}
