// The local home's opt-in sign-in: Cognito's InitiateAuth (USER_PASSWORD_AUTH) answered for a
// fixed list of named users and their groups, with tokens from the local issuer. Pages and scripts
// send the very request they send Cognito on AWS (contracts/cognitoSignIn.ts). There is no
// password to check: anyone who reaches the port can sign in as any listed user, an editor too.
// Off unless the server is started with `localSignIn`.
import {
  INITIATE_AUTH_TARGET,
  type CognitoErrorBody,
  type InitiateAuthRequest,
  type InitiateAuthResponse,
} from '../../../contracts/cognitoSignIn.ts';
import type { CognitoIssuer } from '../auth/index.ts';

/** Where the local sign-in listens, beside the API: the outputs' `auth.signInEndpoint`. */
export const LOCAL_SIGN_IN_PATH = '/cognito-idp/';

export interface LocalSignInOptions {
  /** Who may sign in, each with their Cognito groups (`[]` for none). */
  users: Readonly<Record<string, readonly string[]>>;
  /** @default 3600, Cognito's default id and access token lifetime */
  tokenLifetimeSeconds?: number;
}

export type LocalSignInAnswer = { status: 200; body: InitiateAuthResponse } | { status: 400; body: CognitoErrorBody };

const refuse = (type: string, message: string): LocalSignInAnswer => ({ status: 400, body: { __type: type, message } });

function parseRequest(body: string): Partial<InitiateAuthRequest> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<InitiateAuthRequest>) : undefined;
  } catch {
    return undefined;
  }
}

/** Answers one Cognito JSON request, with Cognito's exception names and wording where it has them. */
export function answerSignIn(
  target: string | undefined,
  body: string,
  issuer: Pick<CognitoIssuer, 'issueToken' | 'clientId' | 'userPoolId'>,
  options: LocalSignInOptions,
): LocalSignInAnswer {
  if (target !== INITIATE_AUTH_TARGET) {
    return refuse('UnsupportedOperationException', `The local sign-in answers ${INITIATE_AUTH_TARGET} only, not ${target ?? 'a request without X-Amz-Target'}.`);
  }
  const request = parseRequest(body);
  if (!request) return refuse('SerializationException', 'The request body is not a JSON object.');
  if (request.ClientId !== issuer.clientId) {
    return refuse('ResourceNotFoundException', `User pool client ${String(request.ClientId)} does not exist.`);
  }
  if (request.AuthFlow !== 'USER_PASSWORD_AUTH') {
    return refuse('InvalidParameterException', `${String(request.AuthFlow)} flow not enabled for this client: the local sign-in takes USER_PASSWORD_AUTH.`);
  }
  const username = request.AuthParameters?.['USERNAME'];
  if (typeof username !== 'string' || username === '' || typeof request.AuthParameters?.['PASSWORD'] !== 'string') {
    return refuse('InvalidParameterException', 'Missing required parameter USERNAME or PASSWORD.');
  }
  const groups = Object.hasOwn(options.users, username) ? options.users[username] : undefined;
  // As a pool with preventUserExistenceErrors (the AWS home's client): an unknown user is told no more than a wrong password.
  if (!groups) return refuse('NotAuthorizedException', 'Incorrect username or password.');
  const ttlSeconds = options.tokenLifetimeSeconds ?? 3600;
  const user = { username, groups, ttlSeconds };
  return {
    status: 200,
    body: {
      AuthenticationResult: {
        IdToken: issuer.issueToken({ ...user, tokenUse: 'id' }),
        AccessToken: issuer.issueToken({ ...user, tokenUse: 'access' }),
        ExpiresIn: ttlSeconds,
        TokenType: 'Bearer',
      },
      ChallengeParameters: {},
    },
  };
}
