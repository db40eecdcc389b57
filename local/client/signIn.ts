// The auth headers a script calls a home with, from its outputs file: the API key where the home
// has one and no user is named, else a Cognito user's id token, signed in with InitiateAuth
// (USER_PASSWORD_AUTH) at the local sign-in (`npm start -- --local-sign-in`) or at Cognito on AWS.
import { cognitoEndpoint, signInWithPassword } from '../../contracts/cognitoSignIn.ts';
import type { ClipsOutputs } from '../../contracts/outputs.ts';

export interface ScriptUser {
  username: string;
  /** The local sign-in checks none; Cognito on AWS does. */
  password: string;
}

export class NoWayToSignInError extends Error {
  override readonly name = 'NoWayToSignInError';
}

export async function authHeaders(outputs: ClipsOutputs, user?: ScriptUser): Promise<Record<string, string>> {
  if (outputs.auth.apiKey && !user) return { 'x-api-key': outputs.auth.apiKey };
  if (!user) throw new NoWayToSignInError('this home has no API key: name a user to sign in as (the local home: start it with --local-sign-in)');
  const clientId = outputs.auth.userPoolClientId;
  if (!clientId) throw new NoWayToSignInError('the outputs name no Cognito app client to sign in with');
  if (outputs.home === 'local' && !outputs.auth.signInEndpoint) {
    throw new NoWayToSignInError('the local home was started without --local-sign-in: nobody can sign in to it');
  }
  const tokens = await signInWithPassword({ endpoint: outputs.auth.signInEndpoint ?? cognitoEndpoint(outputs.region), clientId, ...user });
  return { authorization: tokens.IdToken };
}
