// A local stand-in for a Cognito user pool: it signs RS256 id and access tokens shaped like
// Cognito's with a key pair of its own, publishes the public key as a JWKS, and verifies tokens as
// AppSync verifies Cognito's (signature, issuer, expiry, app client). Node's crypto is all it needs.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CognitoIdentity } from '../engine/types.ts';
import { NO_VALID_HEADER_MESSAGE, unauthorized } from './errors.ts';

export type TokenUse = 'id' | 'access';

export interface IssueTokenOptions {
  username: string;
  groups?: readonly string[];
  /** @default 3600, Cognito's default token lifetime */
  ttlSeconds?: number;
  /** @default 'id' */
  tokenUse?: TokenUse;
  /** Extra claims for the id token, e.g. `email`. */
  claims?: Record<string, unknown>;
}

export interface Jwk {
  kid: string;
  kty: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

export interface CognitoIssuer {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The `iss` claim of every token. */
  readonly issuer: string;
  /** What Cognito serves at `<issuer>/.well-known/jwks.json`. */
  readonly jwks: { keys: Jwk[] };
  issueToken(options: IssueTokenOptions): string;
  /** Checks a token as AppSync does and returns `ctx.identity`; throws AppSync's 401 otherwise. */
  verifyToken(token: string, sourceIp: string, now?: Date): CognitoIdentity;
}

export interface CognitoIssuerOptions {
  /** @default 'us-east-1_local' */
  userPoolId?: string;
  /** The app client id AppSync accepts (`appIdClientRegex`). @default 'localclient' */
  clientId?: string;
  /**
   * The `iss` claim. Cognito's is `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`; the local
   * default names a loopback host instead of pretending to be AWS.
   * @default `http://cognito-idp.localhost/<userPoolId>`
   */
  issuer?: string;
  /** Where the private key is kept so tokens outlive a restart; in memory only when absent. */
  keyFile?: string;
}

async function loadOrCreatePrivateKey(keyFile: string | undefined): Promise<KeyObject> {
  if (keyFile) {
    try {
      return createPrivateKey(await readFile(keyFile, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (keyFile) {
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return privateKey;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Cognito's `sub` is a UUID fixed per user: derive one from the username so it stays stable. */
function subFor(userPoolId: string, username: string): string {
  const hex = createHash('sha256').update(`${userPoolId}/${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function createCognitoIssuer(options: CognitoIssuerOptions = {}): Promise<CognitoIssuer> {
  const userPoolId = options.userPoolId ?? 'us-east-1_local';
  const clientId = options.clientId ?? 'localclient';
  const issuer = options.issuer ?? `http://cognito-idp.localhost/${userPoolId}`;
  const privateKey = await loadOrCreatePrivateKey(options.keyFile);
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(`${publicJwk.n}.${publicJwk.e}`).digest('base64url').slice(0, 43);
  const jwk: Jwk = { kid, kty: 'RSA', alg: 'RS256', use: 'sig', n: String(publicJwk.n), e: String(publicJwk.e) };

  function issueToken(tokenOptions: IssueTokenOptions): string {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const tokenUse = tokenOptions.tokenUse ?? 'id';
    const groups = tokenOptions.groups && tokenOptions.groups.length > 0 ? { 'cognito:groups': [...tokenOptions.groups] } : {};
    const common = {
      sub: subFor(userPoolId, tokenOptions.username),
      ...groups,
      iss: issuer,
      event_id: randomUUID(),
      token_use: tokenUse,
      auth_time: nowSeconds,
      iat: nowSeconds,
      exp: nowSeconds + (tokenOptions.ttlSeconds ?? 3600),
      jti: randomUUID(),
    };
    const payload =
      tokenUse === 'id'
        ? { ...common, aud: clientId, 'cognito:username': tokenOptions.username, ...tokenOptions.claims }
        : { ...common, client_id: clientId, scope: 'aws.cognito.signin.user.admin', username: tokenOptions.username };
    const signingInput = `${base64url(JSON.stringify({ kid, alg: 'RS256' }))}.${base64url(JSON.stringify(payload))}`;
    return `${signingInput}.${base64url(sign('RSA-SHA256', Buffer.from(signingInput), privateKey))}`;
  }

  function verifyToken(token: string, sourceIp: string, now: Date = new Date()): CognitoIdentity {
    const refuse = (reason: string, message = NO_VALID_HEADER_MESSAGE) => unauthorized('AMAZON_COGNITO_USER_POOLS', reason, message);
    const [headerSegment, payloadSegment, signatureSegment, ...extra] = token.split('.');
    const header = decodeSegment(headerSegment);
    const claims = decodeSegment(payloadSegment);
    if (!header || !claims || !signatureSegment || extra.length > 0) throw refuse('not a JWT');
    if (header['alg'] !== 'RS256' || header['kid'] !== kid) throw refuse(`unknown key ${String(header['kid'])} or algorithm ${String(header['alg'])}`);
    const signatureValid = verify('RSA-SHA256', Buffer.from(`${headerSegment}.${payloadSegment}`), publicKey, Buffer.from(signatureSegment, 'base64url'));
    if (!signatureValid) throw refuse('bad signature');
    if (claims['iss'] !== issuer) throw refuse(`issuer ${String(claims['iss'])} is not ${issuer}`);
    if (typeof claims['exp'] !== 'number' || claims['exp'] * 1000 <= now.getTime()) throw refuse('expired', 'Token has expired.');
    const tokenUse = claims['token_use'];
    const audience = tokenUse === 'id' ? claims['aud'] : tokenUse === 'access' ? claims['client_id'] : undefined;
    if (audience !== clientId) throw refuse(`audience ${String(audience)} (token_use ${String(tokenUse)}) is not ${clientId}`);
    const username = tokenUse === 'id' ? claims['cognito:username'] : claims['username'];
    const groups = claims['cognito:groups'];
    return {
      sub: String(claims['sub']),
      issuer,
      username: String(username),
      claims,
      sourceIp: [sourceIp],
      defaultAuthStrategy: 'ALLOW',
      groups: Array.isArray(groups) ? groups.map(String) : null,
    };
  }

  return { userPoolId, clientId, issuer, jwks: { keys: [jwk] }, issueToken, verifyToken };
}
