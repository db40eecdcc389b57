// API keys as AppSync issues them: `da2-` and 26 lowercase letters and digits, with an expiry. The
// local home creates one on first start and keeps it in a file, so apps keep working across restarts.
import { randomInt } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { unauthorized } from './errors.ts';

export interface ApiKey {
  id: string;
  /** Seconds since the epoch, as AppSync's `expires`. */
  expires: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DAY_SECONDS = 24 * 60 * 60;

export function generateApiKeyId(): string {
  let suffix = '';
  for (let index = 0; index < 26; index += 1) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `da2-${suffix}`;
}

export function createApiKey(options: { ttlDays?: number; now?: Date } = {}): ApiKey {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return { id: generateApiKeyId(), expires: now + (options.ttlDays ?? 365) * DAY_SECONDS };
}

function isApiKey(value: unknown): value is ApiKey {
  if (typeof value !== 'object' || value === null) return false;
  const { id, expires } = value as Record<string, unknown>;
  return typeof id === 'string' && id.startsWith('da2-') && typeof expires === 'number';
}

/**
 * Reads the key kept in `file`, or creates one there. An expired key is replaced: the local home is
 * for development, and a key that silently stopped working after a year would only confuse.
 */
export async function loadOrCreateApiKey(file: string, options: { ttlDays?: number; now?: Date } = {}): Promise<ApiKey> {
  const now = options.now ?? new Date();
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isApiKey(stored) && stored.expires * 1000 > now.getTime()) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const key = createApiKey(options);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  return key;
}

/** Throws AppSync's 401 when the key is unknown or expired (AppSync does not say which). */
export function verifyApiKey(value: string, keys: readonly ApiKey[], now: Date = new Date()): ApiKey {
  const key = keys.find((candidate) => candidate.id === value);
  if (!key) throw unauthorized('API_KEY', 'unknown API key');
  if (key.expires * 1000 <= now.getTime()) throw unauthorized('API_KEY', `API key expired at ${new Date(key.expires * 1000).toISOString()}`);
  return key;
}
