import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { InvalidObjectNameError } from './errors.ts';
import { deleteObject, deleteObjects, listObjectsV2, objectEtag, requireBucket } from './s3-api.ts';
import { errorXml, S3Error, S3ErrorCode } from './s3-xml.ts';
import type { ObjectStore } from './store.ts';

export interface ObjectStoreHttpOptions {
  store: ObjectStore;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (message: string) => void;
}

export interface ObjectStoreHttp {
  /** Base URL; an object is at `${url}/${bucket}/${key}`. */
  url: string;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.mpd': 'application/dash+xml',
  '.json': 'application/json',
};

function contentType(key: string): string {
  const dot = key.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[key.slice(dot)]) || 'application/octet-stream';
}

// The longest DeleteObjects body: 1000 keys of 1024 bytes, each byte at worst a 5-character entity.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

// Object sub-resources (tagging, ACLs, multipart uploads, ...) and SDK operations, named by
// `x-id`, that share a path with GetObject or DeleteObject but are not served here.
const OBJECT_SUBRESOURCES = ['acl', 'annotation', 'attributes', 'legal-hold', 'restore', 'retention', 'select', 'tagging', 'torrent', 'uploadId', 'uploads'];
const OBJECT_OPERATIONS = new Set(['GetObject', 'HeadObject', 'DeleteObject']);

interface Target {
  bucket: string;
  key: string;
  query: URLSearchParams;
}

/** Path style only: `/<bucket>` or `/<bucket>/<key>`, each part percent-decoded on its own. */
function parseTarget(url: string): Target {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const slash = path.indexOf('/', 1);
  try {
    if (!path.startsWith('/')) throw new URIError('not an origin-form request target');
    return {
      bucket: decodeURIComponent(slash < 0 ? path.slice(1) : path.slice(1, slash)),
      key: slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1)),
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    };
  } catch (error) {
    throw new S3Error(S3ErrorCode.InvalidURI, "Couldn't parse the specified URI.", { resource: path, cause: error });
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  // The SDK sends DeleteObjects as one plain body with its checksum in a header, never aws-chunked.
  const payload = req.headers['x-amz-content-sha256'];
  if (/aws-chunked/i.test(req.headers['content-encoding'] ?? '') || (typeof payload === 'string' && payload.startsWith('STREAMING-'))) {
    return Promise.reject(new S3Error(S3ErrorCode.NotImplemented, 'aws-chunked request bodies are not supported here'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= MAX_BODY_BYTES) return;
      req.off('data', onData).pause();
      reject(new S3Error(S3ErrorCode.MaxMessageLengthExceeded, 'Your request was too big.'));
    };
    req.on('data', onData).once('end', () => resolve(Buffer.concat(chunks))).once('error', reject);
  });
}

function notServed(req: http.IncomingMessage, { bucket, query }: Target): S3Error {
  const what = [...query.keys()].join('&');
  return new S3Error(S3ErrorCode.NotImplemented, `${req.method} /${bucket}${what ? `?${what}` : ''} is not served by the local object store`);
}

function methodNotAllowed(res: http.ServerResponse, allow: string): S3Error {
  res.setHeader('Allow', allow);
  return new S3Error(S3ErrorCode.MethodNotAllowed, 'The specified method is not allowed against this resource.');
}

function sendXml(res: http.ServerResponse, xml: string): void {
  res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) }).end(xml);
}

async function serveObject(store: ObjectStore, req: http.IncomingMessage, res: http.ServerResponse, { bucket, key }: Target): Promise<void> {
  const noSuchKey = (cause?: unknown) => new S3Error(S3ErrorCode.NoSuchKey, 'The specified key does not exist.', { resource: `/${bucket}/${key}`, cause });
  let file: string;
  try {
    file = store.pathOf(bucket, key);
  } catch (error) {
    if (!(error instanceof InvalidObjectNameError)) throw error;
    requireBucket(store, bucket);
    throw noSuchKey(error); // a key that cannot be stored here cannot exist
  }
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' || error.code === 'ENOTDIR' ? noSuchKey(error) : error;
  });
  if (!info.isFile()) throw noSuchKey();
  res.writeHead(200, {
    'Content-Type': contentType(key),
    'Content-Length': info.size,
    'Last-Modified': info.mtime.toUTCString(),
    ETag: objectEtag({ size: info.size, modified: info.mtime }),
  });
  if (req.method === 'HEAD') res.end();
  else await pipeline(createReadStream(file), res);
}

async function route(store: ObjectStore, req: http.IncomingMessage, res: http.ServerResponse, target: Target): Promise<void> {
  const { bucket, key, query } = target;
  if (!bucket) throw notServed(req, target); // ListBuckets
  if (!key) {
    if (req.method === 'GET' && query.get('list-type') === '2') return sendXml(res, await listObjectsV2(store, bucket, query));
    if (req.method === 'POST' && query.has('delete')) return sendXml(res, await deleteObjects(store, bucket, await readBody(req), req.headers));
    if (req.method === 'HEAD') {
      requireBucket(store, bucket);
      res.writeHead(200).end();
      return;
    }
    if (req.method === 'GET' || req.method === 'POST') throw notServed(req, target);
    throw methodNotAllowed(res, 'GET, HEAD, POST');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE') throw methodNotAllowed(res, 'GET, HEAD, DELETE');
  const xId = query.get('x-id');
  if (OBJECT_SUBRESOURCES.some((name) => query.has(name)) || (xId !== null && !OBJECT_OPERATIONS.has(xId))) throw notServed(req, target);
  if (req.method !== 'DELETE') return serveObject(store, req, res, target);
  await deleteObject(store, bucket, key);
  res.writeHead(204).end();
}

/**
 * A path-style S3 endpoint over the store, for players, curl and `@aws-sdk/client-s3` with
 * `forcePathStyle: true`: GetObject and HeadObject (`GET`/`HEAD /<bucket>/<key>`), ListObjectsV2,
 * DeleteObjects and DeleteObject. Writes stay in-process (MediaPackage writes to the store directly).
 *
 * Requests may be SigV4-signed but signatures are not checked: like the rest of the local home,
 * the object store checks no roles. `Expect: 100-continue` is answered by Node's HTTP server
 * itself (no 'checkContinue' listener). CORS is open. Errors are S3's XML `<Error>` documents, so
 * the SDK raises its typed exceptions (`NoSuchKey`, ...).
 */
export async function startObjectStoreHttp({
  store,
  host = '127.0.0.1',
  port = 0,
  log = (message) => console.log(message),
}: ObjectStoreHttpOptions): Promise<ObjectStoreHttp> {
  const server = http.createServer((req, res) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('x-amz-request-id', requestId);
    void (async () => route(store, req, res, parseTarget(req.url ?? '/')))().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy(); // the object stream broke (or the client left) mid-body
        return;
      }
      if (!(error instanceof S3Error)) log(`[objectstore] ${req.method} ${req.url} failed: ${String(error)}`);
      const s3Error = error instanceof S3Error ? error : new S3Error(S3ErrorCode.InternalError, 'We encountered an internal error. Please try again.');
      // A refused body may be partly unread: close rather than parse its rest as the next request.
      if (!req.complete) res.setHeader('Connection', 'close');
      // HEAD gets the headers of the document without it (the SDK then knows only the status).
      const xml = errorXml(s3Error, requestId);
      res.writeHead(s3Error.status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) });
      res.end(req.method === 'HEAD' ? undefined : xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  const url = `http://${host}:${boundPort}`;
  log(`[objectstore] serving ${store.root} at ${url} (S3 path style: get, head, list, delete)`);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
