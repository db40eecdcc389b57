// AWS_IAM: verifies Signature Version 4 the way AppSync does, by signing the same canonical request
// again with the secret of the access key the caller names and comparing signatures. The local home
// has no IAM policies: a principal whose key it knows may call every @aws_iam field.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IamIdentity } from '../engine/types.ts';
import { AuthErrorType, AuthenticationError } from './errors.ts';

export interface IamPrincipal {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** `ctx.identity.userArn`. */
  userArn: string;
  /** `ctx.identity.username`: AppSync gives the IAM unique id (`AIDA...`) of the caller. */
  userId: string;
}

export interface IamOptions {
  /** Region the signatures must be scoped to. @default 'us-east-1' */
  region?: string;
  principals: readonly IamPrincipal[];
}

/** The parts of a request SigV4 covers, header names lower-cased. */
export interface SignedRequest {
  method: string;
  /** Path and query string, e.g. `/graphql` or `/graphql/connect`. */
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  sourceIp: string;
}

const SERVICE = 'appsync';
const ALGORITHM = 'AWS4-HMAC-SHA256';
// AWS refuses signatures dated more than 15 minutes away from its clock.
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** True when the Authorization header carries a SigV4 signature rather than a token. */
export function isSigV4Authorization(value: string | undefined): boolean {
  return value !== undefined && value.startsWith(`${ALGORITHM} `);
}

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function invalidSignature(message: string, reason: string): AuthenticationError {
  return new AuthenticationError(message, {
    errorType: AuthErrorType.InvalidSignature,
    statusCode: 403,
    authType: 'AWS_IAM',
    reason,
  });
}

function parseAuthorization(value: string): ParsedAuthorization {
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const [name, ...rest] = part.trim().split('=');
    if (name) fields.set(name, rest.join('='));
  }
  const credential = fields.get('Credential')?.split('/') ?? [];
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const [accessKeyId, date, region, service, terminator] = credential;
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || !signedHeaders || !signature) {
    throw new AuthenticationError(
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.",
      { errorType: AuthErrorType.BadRequest, statusCode: 400, authType: 'AWS_IAM', reason: 'malformed SigV4 Authorization header' },
    );
  }
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** `20240102T030405Z` -> Date. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function splitPath(path: string): { path: string; query: Record<string, string | string[]> } {
  const url = new URL(path, 'http://localhost');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { path: url.pathname, query };
}

/** Verifies the request's SigV4 signature and returns `ctx.identity` as AppSync fills it for IAM. */
export async function verifyIamRequest(request: SignedRequest, options: IamOptions, now: Date = new Date()): Promise<IamIdentity> {
  const authorization = request.headers['authorization'];
  if (!isSigV4Authorization(authorization)) throw invalidSignature('Missing Authentication Token', 'no SigV4 Authorization header');
  const parsed = parseAuthorization(authorization as string);
  const region = options.region ?? 'us-east-1';

  const principal = options.principals.find((candidate) => candidate.accessKeyId === parsed.accessKeyId);
  if (!principal) {
    throw new AuthenticationError('The security token included in the request is invalid.', {
      errorType: AuthErrorType.UnrecognizedClient,
      statusCode: 403,
      authType: 'AWS_IAM',
      reason: `unknown access key ${parsed.accessKeyId}`,
    });
  }
  if (parsed.service !== SERVICE || parsed.region !== region) {
    throw invalidSignature(
      `Credential should be scoped to correct service: '${SERVICE}' and a valid region: '${region}'.`,
      `scope ${parsed.region}/${parsed.service}`,
    );
  }
  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (!signingDate || !parsed.signedHeaders.includes('x-amz-date')) {
    throw invalidSignature('Authorization header requires existence of a signed X-Amz-Date header.', 'no signed x-amz-date');
  }
  if (Math.abs(signingDate.getTime() - now.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw invalidSignature(`Signature expired: ${request.headers['x-amz-date']} is now earlier or later than 15 minutes from the server time.`, 'clock skew');
  }
  const declaredPayloadHash = request.headers['x-amz-content-sha256'];
  if (declaredPayloadHash !== undefined && declaredPayloadHash !== createHash('sha256').update(request.body).digest('hex')) {
    throw invalidSignature('The provided x-amz-content-sha256 header does not match what was computed.', 'payload hash mismatch');
  }

  // Re-sign exactly the headers the caller signed, even those the signer would skip by default
  // (user-agent, ...), and add nothing: then the signatures match only if every signed byte does.
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) throw invalidSignature(SIGNATURE_MISMATCH_MESSAGE, `signed header ${name} is missing`);
    headers[name] = value;
  }
  const { path, query } = splitPath(request.path);
  const signer = new SignatureV4({
    service: SERVICE,
    region: parsed.region,
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: request.method.toUpperCase(), protocol: 'https:', hostname: headers['host'] ?? 'localhost', path, query, headers, body: request.body },
    { signingDate, signableHeaders: new Set(parsed.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers['authorization']))?.[1] ?? '';
  const expectedBytes = Buffer.from(expected);
  const actualBytes = Buffer.from(parsed.signature);
  if (expectedBytes.length !== actualBytes.length || !timingSafeEqual(expectedBytes, actualBytes)) {
    throw invalidSignature(SIGNATURE_MISMATCH_MESSAGE, 'signature mismatch');
  }

  return {
    accountId: principal.accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: [request.sourceIp],
    username: principal.userId,
    userArn: principal.userArn,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}
