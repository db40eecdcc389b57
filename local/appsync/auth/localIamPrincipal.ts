// The local home's one IAM identity: an access key pair shaped like an IAM user's, made on first
// start and kept in a file, so the backend handlers it is handed to keep working across restarts.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IamPrincipal } from './iam.ts';

function randomUpperAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function createLocalIamPrincipal(options: { accountId?: string; userName?: string } = {}): IamPrincipal {
  const accountId = options.accountId ?? '000000000000';
  const userName = options.userName ?? 'local-backend';
  return {
    accessKeyId: `AKIA${randomUpperAlphanumeric(16)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    accountId,
    userArn: `arn:aws:iam::${accountId}:user/${userName}`,
    userId: `AIDA${randomUpperAlphanumeric(17)}`,
  };
}

function isIamPrincipal(value: unknown): value is IamPrincipal {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return ['accessKeyId', 'secretAccessKey', 'accountId', 'userArn', 'userId'].every((name) => typeof fields[name] === 'string');
}

export async function loadOrCreateIamPrincipal(file: string, options: { accountId?: string; userName?: string } = {}): Promise<IamPrincipal> {
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isIamPrincipal(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const principal = createLocalIamPrincipal(options);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(principal, null, 2)}\n`, { mode: 0o600 });
  return principal;
}
