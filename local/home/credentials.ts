// The local home's credentials, made on first start and kept under the data directory so that
// scripts, apps and the outputs file stay valid across restarts: an API key, an IAM key pair for
// the backend, and the key of the local Cognito-like issuer.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createCognitoIssuer,
  loadOrCreateApiKey,
  loadOrCreateIamPrincipal,
  type ApiKey,
  type CognitoIssuer,
  type IamPrincipal,
} from '../appsync/auth/index.ts';

export interface LocalCredentials {
  apiKey: ApiKey;
  iam: IamPrincipal;
  cognito: CognitoIssuer;
}

export async function loadOrCreateCredentials(dir: string): Promise<LocalCredentials> {
  await mkdir(dir, { recursive: true });
  const [apiKey, iam, cognito] = await Promise.all([
    loadOrCreateApiKey(join(dir, 'api-key.json')),
    loadOrCreateIamPrincipal(join(dir, 'iam.json')),
    createCognitoIssuer({ keyFile: join(dir, 'cognito-key.pem') }),
  ]);
  return { apiKey, iam, cognito };
}
