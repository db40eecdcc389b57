// The local home's credentials stay the owner's: the directory 0700, every file 0600, also files
// an older run left readable to others; and they are the same on the next start.
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOrCreateCredentials } from '../../../local/home/credentials.ts';

let dir: string;

beforeAll(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'credentials-')), 'credentials');
});

afterAll(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

it('keeps the directory 0700 and every file 0600, and answers the same credentials on the next start', async () => {
  const first = await loadOrCreateCredentials(dir);
  // As a copy or an older version might leave them.
  await chmod(join(dir, 'api-key.json'), 0o644);
  await chmod(dir, 0o755);

  const again = await loadOrCreateCredentials(dir);

  expect(again.apiKey.id).toBe(first.apiKey.id);
  expect(again.iam.accessKeyId).toBe(first.iam.accessKeyId);
  expect(await modeOf(dir)).toBe(0o700);
  for (const name of ['api-key.json', 'iam.json', 'cognito-key.pem']) expect(await modeOf(join(dir, name)), name).toBe(0o600);
});
