// Signing in to a Cognito user pool with a username and password: Cognito's own InitiateAuth call
// (USER_PASSWORD_AUTH) over its JSON protocol, as the player page and scripts send it. The AWS home
// answers it at Cognito's regional endpoint; the local home's opt-in sign-in answers the same
// request, so a client has one code path for both homes and needs no SDK.
// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html)

/** The `X-Amz-Target` of InitiateAuth; the body is `application/x-amz-json-1.1`. */
export const INITIATE_AUTH_TARGET = 'AWSCognitoIdentityProviderService.InitiateAuth';
export const COGNITO_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface InitiateAuthRequest {
  AuthFlow: string;
  ClientId: string;
  AuthParameters?: Record<string, string>;
}

export interface AuthenticationResult {
  IdToken: string;
  AccessToken: string;
  /** Seconds the tokens are valid for. */
  ExpiresIn: number;
  TokenType: 'Bearer';
  /** Cognito's; the local sign-in issues none (sign in again after an hour). */
  RefreshToken?: string;
}

export interface InitiateAuthResponse {
  AuthenticationResult: AuthenticationResult;
  ChallengeParameters: Record<string, string>;
}

/** Cognito's error body: `__type` names the exception (NotAuthorizedException, ...). */
export interface CognitoErrorBody {
  __type: string;
  message: string;
}

/** Cognito's public endpoint for a region: where InitiateAuth goes on AWS. */
export function cognitoEndpoint(region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/`;
}

/** Cognito refused the sign-in (or the endpoint did not answer): `type` is Cognito's exception name. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

export interface PasswordSignIn {
  /** Cognito's endpoint for the pool's region, or the local sign-in's (outputs: `auth.signInEndpoint`). */
  endpoint: string;
  clientId: string;
  username: string;
  password: string;
}

/** InitiateAuth with USER_PASSWORD_AUTH: the tokens, or a SignInError saying why not. */
export async function signInWithPassword(request: PasswordSignIn): Promise<AuthenticationResult> {
  const body: InitiateAuthRequest = {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: request.clientId,
    AuthParameters: { USERNAME: request.username, PASSWORD: request.password },
  };
  let response: Response;
  try {
    response = await fetch(request.endpoint, {
      method: 'POST',
      headers: { 'content-type': COGNITO_JSON_CONTENT_TYPE, 'x-amz-target': INITIATE_AUTH_TARGET },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new SignInError(`the sign-in endpoint ${request.endpoint} is not answering (${(error as Error).message})`, 'NetworkError');
  }
  const answer = (await response.json().catch(() => ({}))) as Partial<InitiateAuthResponse & CognitoErrorBody> & { ChallengeName?: string };
  if (response.ok && answer.AuthenticationResult) return answer.AuthenticationResult;
  if (response.ok && answer.ChallengeName) {
    // NEW_PASSWORD_REQUIRED, MFA, ...: the user must finish signing in with a full Cognito client first.
    throw new SignInError(`Cognito asks for ${answer.ChallengeName}: finish it once with the AWS CLI or Amplify, then sign in here`, answer.ChallengeName);
  }
  const type = (answer.__type ?? `HTTP ${response.status}`).replace(/^.*#/, '');
  throw new SignInError(answer.message ?? `the sign-in endpoint answered HTTP ${response.status}`, type);
}
