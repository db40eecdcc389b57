// Tells which authorization mode a request uses from the headers it carries, as AppSync does, and
// checks its credentials in that mode. The result is the Caller the engine authorizes fields for.
import type { AuthType, Caller } from '../engine/types.ts';
import { verifyApiKey, type ApiKey } from './apiKey.ts';
import type { CognitoIssuer } from './cognito.ts';
import { NO_VALID_HEADER_MESSAGE, unauthorized } from './errors.ts';
import { isSigV4Authorization, verifyIamRequest, type IamOptions, type SignedRequest } from './iam.ts';

/** Which modes the API accepts and their credentials; a mode left out is refused. */
export interface AuthConfig {
  apiKeys?: readonly ApiKey[];
  iam?: IamOptions;
  cognito?: Pick<CognitoIssuer, 'verifyToken'>;
}

export type AuthRequest = SignedRequest;

/** AppSync reads the mode off the headers: a SigV4 Authorization, any other Authorization, or x-api-key. */
export function detectAuthType(headers: Readonly<Record<string, string>>): AuthType | undefined {
  const authorization = headers['authorization'];
  if (authorization !== undefined && authorization !== '') {
    return isSigV4Authorization(authorization) ? 'AWS_IAM' : 'AMAZON_COGNITO_USER_POOLS';
  }
  if (headers['x-api-key'] !== undefined) return 'API_KEY';
  return undefined;
}

/** Cognito tokens come bare, as Amplify sends them, or after `Bearer `, as many HTTP clients do. */
function bearerToken(authorization: string): string {
  return authorization.replace(/^Bearer\s+/i, '').trim();
}

export async function authenticate(request: AuthRequest, config: AuthConfig, now: Date = new Date()): Promise<Caller> {
  const headers = request.headers;
  const authType = detectAuthType(headers);
  switch (authType) {
    case 'API_KEY': {
      if (!config.apiKeys) throw unauthorized(authType, 'API_KEY mode is not enabled');
      verifyApiKey(headers['x-api-key'] ?? '', config.apiKeys, now);
      return { authType, identity: null, headers: { ...headers } };
    }
    case 'AWS_IAM': {
      if (!config.iam) throw unauthorized(authType, 'AWS_IAM mode is not enabled');
      const identity = await verifyIamRequest(request, config.iam, now);
      return { authType, identity, headers: { ...headers } };
    }
    case 'AMAZON_COGNITO_USER_POOLS': {
      if (!config.cognito) throw unauthorized(authType, 'AMAZON_COGNITO_USER_POOLS mode is not enabled', NO_VALID_HEADER_MESSAGE);
      const identity = config.cognito.verifyToken(bearerToken(headers['authorization'] ?? ''), request.sourceIp, now);
      return { authType, identity, headers: { ...headers } };
    }
    case undefined:
      throw unauthorized(undefined, 'no x-api-key or Authorization header', NO_VALID_HEADER_MESSAGE);
  }
}

/** Header names lower-cased and multi-valued headers joined, as AppSync exposes `ctx.request.headers`. */
export function normalizeHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    normalized[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return normalized;
}
