import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidObjectNameError, NoSuchKeyError } from './errors.ts';

export interface ObjectStoreOptions {
  /** Directory that holds one sub-directory per bucket. Created on first write. */
  root: string;
}

export interface ObjectInfo {
  size: number;
  modified: Date;
}

export interface ObjectStore {
  readonly root: string;
  put(bucket: string, key: string, body: string | Uint8Array): Promise<void>;
  /** Throws NoSuchKeyError when absent. */
  get(bucket: string, key: string): Promise<Buffer>;
  head(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  /** Keys that start with `prefix`, sorted as S3 lists them (by UTF-8 bytes, close enough: by code unit). */
  list(bucket: string, prefix?: string): Promise<string[]>;
  /** Deleting an absent key succeeds, as on S3. */
  delete(bucket: string, key: string): Promise<void>;
  /**
   * Makes `sourceFile` an object without copying its bytes when it can (a hard link): the source
   * must never be rewritten in place afterwards. Falls back to a copy across file systems.
   */
  link(bucket: string, key: string, sourceFile: string): Promise<void>;
  /** `link` for many objects at once: each directory is made once, links run side by side. */
  linkAll(bucket: string, entries: readonly { key: string; sourceFile: string }[]): Promise<void>;
  /** The file an object lives in (whether or not it exists yet). */
  pathOf(bucket: string, key: string): string;
}

// S3's bucket naming rules (general purpose buckets), minus the IP-address rule.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function keySegments(bucket: string, key: string): string[] {
  if (key.length === 0 || Buffer.byteLength(key) > 1024) {
    throw new InvalidObjectNameError(bucket, key, 'a key has 1 to 1024 bytes');
  }
  if (key.includes('\0')) throw new InvalidObjectNameError(bucket, key, 'a key may not contain NUL');
  const segments = key.split('/');
  for (const segment of segments) {
    // Empty, '.' and '..' segments either escape the bucket or collapse onto another key's file.
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidObjectNameError(bucket, key, `key segment '${segment}' cannot be stored as a file`);
    }
  }
  return segments;
}

function checkBucket(bucket: string): void {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new InvalidObjectNameError(bucket, undefined, 'not a valid S3 bucket name');
  }
}

// Enough parallel links to hide syscall latency without exhausting the libuv pool's queue.
const LINK_BATCH = 64;

async function linkOrCopy(sourceFile: string, target: string): Promise<void> {
  try {
    await link(sourceFile, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(sourceFile, target);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export function createObjectStore({ root }: ObjectStoreOptions): ObjectStore {
  const absoluteRoot = path.resolve(root);
  // Writes land in a temporary file first and are renamed into place, so a reader never sees a
  // half-written object. Bucket names cannot start with '.', so this never collides with a bucket.
  const tmpDir = path.join(absoluteRoot, '.tmp');

  function pathOf(bucket: string, key: string): string {
    checkBucket(bucket);
    return path.join(absoluteRoot, bucket, ...keySegments(bucket, key));
  }

  async function placeAtomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    try {
      await write(tmp);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async function walk(dir: string, keyPrefix: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const key = keyPrefix + entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${key}/`, out);
      else out.push(key);
    }
  }

  return {
    root: absoluteRoot,
    pathOf,

    async put(bucket, key, body) {
      const target = pathOf(bucket, key);
      await placeAtomically(target, (tmp) => writeFile(tmp, body));
    },

    async get(bucket, key) {
      try {
        return await readFile(pathOf(bucket, key));
      } catch (error) {
        if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') {
          throw new NoSuchKeyError(bucket, key, { cause: error });
        }
        throw error;
      }
    },

    async head(bucket, key) {
      try {
        const info = await stat(pathOf(bucket, key));
        return info.isFile() ? { size: info.size, modified: info.mtime } : undefined;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async list(bucket, prefix = '') {
      checkBucket(bucket);
      // Walk only the deepest directory the prefix names, not the whole bucket.
      const slash = prefix.lastIndexOf('/');
      const dirPart = slash >= 0 ? prefix.slice(0, slash) : '';
      const startDir = dirPart ? pathOf(bucket, dirPart) : path.join(absoluteRoot, bucket);
      const keys: string[] = [];
      await walk(startDir, dirPart ? `${dirPart}/` : '', keys);
      return keys.filter((key) => key.startsWith(prefix)).sort();
    },

    async delete(bucket, key) {
      try {
        await unlink(pathOf(bucket, key));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },

    async link(bucket, key, sourceFile) {
      await placeAtomically(pathOf(bucket, key), (tmp) => linkOrCopy(sourceFile, tmp));
    },

    async linkAll(bucket, entries) {
      const targets = entries.map(({ key, sourceFile }) => ({ target: pathOf(bucket, key), sourceFile }));
      await Promise.all([...new Set(targets.map(({ target }) => path.dirname(target)))].map((dir) => mkdir(dir, { recursive: true })));
      const linkOne = async ({ target, sourceFile }: { target: string; sourceFile: string }) => {
        try {
          // A new hard link appears whole, so linking straight to the final name is already atomic.
          await linkOrCopy(sourceFile, target);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          await placeAtomically(target, (tmp) => linkOrCopy(sourceFile, tmp));
        }
      };
      for (let i = 0; i < targets.length; i += LINK_BATCH) {
        await Promise.all(targets.slice(i, i + LINK_BATCH).map(linkOne));
      }
    },
  };
}
