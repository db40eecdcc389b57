// The local home's credentials, made on first start and kept under the data directory so that
// scripts, apps and the outputs file stay valid across restarts: an API key, an IAM key pair for
// the backend, and the key of the local Cognito-like issuer.
import { chmod, mkdir, readdir } from 'node:fs/promises';
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

/**
 * The credentials under `dir`, made on first use. The directory is the owner's alone (0700) and
 * every file in it 0600, also when an older version or a copy left them readable to others.
 */
export async function loadOrCreateCredentials(dir: string): Promise<LocalCredentials> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const [apiKey, iam, cognito] = await Promise.all([
    loadOrCreateApiKey(join(dir, 'api-key.json')),
    loadOrCreateIamPrincipal(join(dir, 'iam.json')),
    createCognitoIssuer({ keyFile: join(dir, 'cognito-key.pem') }),
  ]);
  for (const name of await readdir(dir)) await chmod(join(dir, name), 0o600);
  return { apiKey, iam, cognito };
}
