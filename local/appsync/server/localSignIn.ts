// Development sign-in for the local user pool: the player page and scripts post a username and
// groups and get tokens signed by the local issuer, where an app on AWS would sign in to Cognito.
// Off unless the server is started with `localSignIn: true`; there is no password to check.
import type { CognitoIssuer } from '../auth/index.ts';
import { RequestErrorType, requestErrorBody, type RequestErrorBody } from './errors.ts';

export const LOCAL_SIGN_IN_PATH = '/local/sign-in';

export interface LocalSignInTokens {
  idToken: string;
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export function signInLocally(
  body: string,
  issuer: Pick<CognitoIssuer, 'issueToken'>,
): { status: 200; body: LocalSignInTokens } | { status: 400; body: RequestErrorBody } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const { username, groups, ttlSeconds } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const groupsValid = groups === undefined || (Array.isArray(groups) && groups.every((group) => typeof group === 'string'));
  const ttlValid = ttlSeconds === undefined || (typeof ttlSeconds === 'number' && ttlSeconds > 0);
  if (typeof username !== 'string' || username === '' || !groupsValid || !ttlValid) {
    return {
      status: 400,
      body: requestErrorBody(RequestErrorType.MalformedHttpRequest, "Sign-in requires { username: string, groups?: string[], ttlSeconds?: number }."),
    };
  }
  const options = { username, groups: (groups as string[] | undefined) ?? [], ttlSeconds: (ttlSeconds as number | undefined) ?? 3600 };
  return {
    status: 200,
    body: {
      idToken: issuer.issueToken({ ...options, tokenUse: 'id' }),
      accessToken: issuer.issueToken({ ...options, tokenUse: 'access' }),
      expiresIn: options.ttlSeconds,
      tokenType: 'Bearer',
    },
  };
}
