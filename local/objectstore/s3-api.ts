// The S3 operations the Lambda handlers call on the local store, beyond reading objects:
// ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html),
// DeleteObjects (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html) and
// DeleteObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html).
//
// Buckets are implicit: a bucket directory appears with its first object, while on AWS the
// bucket exists from deployment on. So any valid bucket name lists empty and deletes succeed in
// it; only a name S3 would refuse (no such bucket can exist) is answered NoSuchBucket.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { InvalidObjectNameError } from './errors.ts';
import {
  deleteResultXml,
  listObjectsV2Xml,
  parseDeleteXml,
  S3_MAX_KEYS,
  S3Error,
  S3ErrorCode,
  type DeleteFailure,
  type ListedObject,
} from './s3-xml.ts';
import type { ObjectInfo, ObjectStore } from './store.ts';

// Enough parallel file operations to hide syscall latency without flooding the libuv pool.
const BATCH = 64;

async function mapInBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await Promise.all(items.slice(i, i + BATCH).map(fn))));
  return out;
}

/** Throws NoSuchBucket for a name no bucket can have; every valid name exists (see above). */
export function requireBucket(store: ObjectStore, bucket: string): void {
  try {
    store.pathOf(bucket, 'k');
  } catch (error) {
    if (!(error instanceof InvalidObjectNameError)) throw error;
    throw new S3Error(S3ErrorCode.NoSuchBucket, 'The specified bucket does not exist', { resource: `/${bucket}`, cause: error });
  }
}

/**
 * A quoted ETag from size and modification time: it changes whenever the object is rewritten,
 * but it is not the content MD5 S3 gives simple objects (hashing every listed file is too slow).
 */
export function objectEtag({ size, modified }: ObjectInfo): string {
  return `"${createHash('md5').update(`${size}:${modified.getTime()}`).digest('hex')}"`;
}

// Continuation tokens are opaque to clients (the reference says so); here: base64url of the last
// key or common prefix returned, so a page resumes after it even if objects came or went.
function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString();
  if (!token || Buffer.from(text).toString('base64url') !== token) {
    throw new S3Error(S3ErrorCode.InvalidArgument, 'The continuation token provided is incorrect');
  }
  return text;
}

function parseMaxKeys(value: string | null): number {
  if (value === null) return S3_MAX_KEYS;
  if (!/^[0-9]{1,10}$/.test(value)) {
    throw new S3Error(S3ErrorCode.InvalidArgument, `Provided max-keys '${value}' is not a non-negative integer`);
  }
  // S3 returns at most 1000 keys whatever max-keys asks for.
  return Math.min(Number(value), S3_MAX_KEYS);
}

function parseEncodingType(value: string | null): 'url' | undefined {
  if (value === null) return undefined;
  if (value !== 'url') throw new S3Error(S3ErrorCode.InvalidArgument, 'Invalid Encoding Method specified in Request');
  return 'url';
}

/**
 * ListObjectsV2 over the store, in S3's order (UTF-8 bytes). `max-keys=0` answers an empty,
 * untruncated page. `fetch-owner` is ignored: objects here have no owner.
 */
export async function listObjectsV2(store: ObjectStore, bucket: string, query: URLSearchParams): Promise<string> {
  requireBucket(store, bucket);
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const encodingType = parseEncodingType(query.get('encoding-type'));
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const startAfter = query.get('start-after') || undefined;
  const continuationToken = query.get('continuation-token') ?? undefined;
  // With a token, S3 resumes from it and start-after only shapes the first page.
  const after = continuationToken !== undefined ? decodeToken(continuationToken) : startAfter;

  let keys: string[];
  try {
    keys = await store.list(bucket, prefix);
  } catch (error) {
    // A prefix with '..' or '//' segments matches no storable key.
    if (!(error instanceof InvalidObjectNameError)) throw error;
    keys = [];
  }
  const sorted = keys.map((key) => ({ key, bytes: Buffer.from(key) })).sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const afterBytes = after === undefined ? undefined : Buffer.from(after);

  const contentKeys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const { key, bytes } of maxKeys > 0 ? sorted : []) {
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = delimiter && cut >= 0 ? key.slice(0, cut + delimiter.length) : undefined;
    // Keys under one common prefix are adjacent; the prefix counts once against max-keys.
    if (common !== undefined && common === last) continue;
    if (afterBytes && Buffer.compare(common === undefined ? bytes : Buffer.from(common), afterBytes) <= 0) continue;
    if (contentKeys.length + commonPrefixes.length === maxKeys) {
      truncated = true;
      break;
    }
    if (common === undefined) contentKeys.push(key);
    else commonPrefixes.push(common);
    last = common ?? key;
  }

  const infos = await mapInBatches(contentKeys, (key) => store.head(bucket, key));
  const contents: ListedObject[] = [];
  contentKeys.forEach((key, i) => {
    const info = infos[i];
    // An object deleted between the walk and the stat is simply left out.
    if (info) contents.push({ key, lastModified: info.modified, etag: objectEtag(info), size: info.size });
  });
  return listObjectsV2Xml({
    bucket,
    prefix,
    delimiter,
    maxKeys,
    startAfter,
    continuationToken,
    nextContinuationToken: truncated && last !== undefined ? Buffer.from(last).toString('base64url') : undefined,
    encodingType,
    contents,
    commonPrefixes,
  });
}

/** Deletes one key; an absent key, or one that cannot be stored as a file here, is already gone. */
async function deleteKey(store: ObjectStore, bucket: string, key: string): Promise<void> {
  try {
    await store.delete(bucket, key);
  } catch (error) {
    if (error instanceof InvalidObjectNameError) return;
    const code = (error as NodeJS.ErrnoException).code;
    // A parent segment is a file: nothing can live below it.
    if (code === 'ENOTDIR') return;
    // The key names a directory (a prefix of other keys), not an object.
    if ((code === 'EISDIR' || code === 'EPERM') && !(await store.head(bucket, key))) return;
    throw error;
  }
}

export async function deleteObject(store: ObjectStore, bucket: string, key: string): Promise<void> {
  requireBucket(store, bucket);
  await deleteKey(store, bucket, key);
}

const CRC32C_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32c(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC32C_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

const digest = (algorithm: string) => (body: Buffer) => createHash(algorithm).update(body).digest();

/**
 * The body checksums S3 takes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 * `undefined`: accepted without verifying (CRC64NVME needs a table this store does not carry).
 */
const CHECKSUMS: Record<string, ((body: Buffer) => Buffer) | undefined> = {
  'content-md5': digest('md5'),
  'x-amz-checksum-crc32': (body) => uint32(crc32(body)),
  'x-amz-checksum-crc32c': (body) => uint32(crc32c(body)),
  'x-amz-checksum-sha1': digest('sha1'),
  'x-amz-checksum-sha256': digest('sha256'),
  'x-amz-checksum-crc64nvme': undefined,
};

/** DeleteObjects requires Content-MD5 or an `x-amz-checksum-*` header; the SDK sends CRC32. */
function verifyChecksums(body: Buffer, headers: IncomingHttpHeaders): void {
  let present = false;
  for (const [header, compute] of Object.entries(CHECKSUMS)) {
    const value = headers[header];
    if (typeof value !== 'string') continue;
    present = true;
    const claimed = Buffer.from(value, 'base64');
    if (claimed.length === 0 || claimed.toString('base64') !== value) {
      throw header === 'content-md5'
        ? new S3Error(S3ErrorCode.InvalidDigest, 'The Content-MD5 you specified is not valid.')
        : new S3Error(S3ErrorCode.InvalidRequest, `Value for ${header} header is invalid.`);
    }
    if (compute && !compute(body).equals(claimed)) {
      throw new S3Error(S3ErrorCode.BadDigest, `The ${header} you specified did not match the calculated checksum.`);
    }
  }
  if (!present) {
    throw new S3Error(S3ErrorCode.InvalidRequest, 'Missing required header for this request: Content-MD5 or x-amz-checksum-*');
  }
}

/** DeleteObjects: keys are deleted side by side and reported in request order. */
export async function deleteObjects(store: ObjectStore, bucket: string, body: Buffer, headers: IncomingHttpHeaders): Promise<string> {
  requireBucket(store, bucket);
  verifyChecksums(body, headers);
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (error) {
    throw new S3Error(S3ErrorCode.MalformedXML, 'The XML you provided was not well-formed: not UTF-8', { cause: error });
  }
  const { keys, quiet } = parseDeleteXml(xml);
  const outcomes = await mapInBatches(keys, (key) => deleteKey(store, bucket, key).then(() => undefined, (error: unknown) => error));
  const deleted: string[] = [];
  const failures: DeleteFailure[] = [];
  keys.forEach((key, i) => {
    const error = outcomes[i];
    if (error === undefined) deleted.push(key);
    else failures.push({ key, code: S3ErrorCode.InternalError, message: error instanceof Error ? error.message : String(error) });
  });
  // Quiet mode reports failures only (API_DeleteObjects, "Quiet").
  return deleteResultXml(quiet ? [] : deleted, failures);
}
