import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidObjectNameError } from './errors.ts';
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

/** A read-only path-style view of the store (GET/HEAD `/<bucket>/<key>`), for players and curl. */
export async function startObjectStoreHttp({
  store,
  host = '127.0.0.1',
  port = 0,
  log = (message) => console.log(message),
}: ObjectStoreHttpOptions): Promise<ObjectStoreHttp> {
  const server = http.createServer((req, res) => {
    void (async () => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const slash = pathname.indexOf('/', 1);
      const bucket = pathname.slice(1, slash);
      const key = pathname.slice(slash + 1);
      try {
        const file = store.pathOf(bucket, key);
        const info = await stat(file);
        if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
        res.writeHead(200, { 'Content-Type': contentType(key), 'Content-Length': info.size });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      } catch (error) {
        const notFound =
          slash < 0 || error instanceof InvalidObjectNameError || (error as NodeJS.ErrnoException).code === 'ENOENT';
        res.writeHead(notFound ? 404 : 500, { 'Content-Type': 'text/plain' }).end(notFound ? 'NoSuchKey' : 'InternalError');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  const url = `http://${host}:${boundPort}`;
  log(`[objectstore] serving ${store.root} read-only at ${url}`);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
