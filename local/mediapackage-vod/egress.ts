// Egress: serves packaged output at `/out/v1/<asset key>/<configuration key>/<file>`, the layout
// of MediaPackage-VOD's egress URLs. An output exists only once its endpoint is PLAYABLE; before
// that (and after DeleteAsset) its URLs answer 404, as on AWS. CORS is open so browser players
// (hls.js) can load it from any page; single byte ranges are honoured.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { outputDirOf } from './ingest.ts';
import type { VodStore } from './store.ts';

export const EGRESS_PREFIX = '/out/v1/';

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/MP2T',
  '.mpd': 'application/dash+xml',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
};

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'Range, Origin, Accept',
  'access-control-expose-headers': 'Content-Length, Content-Range, Accept-Ranges',
  'access-control-max-age': '86400',
};

const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

function notFound(res: ServerResponse): void {
  res.writeHead(404, { ...CORS_HEADERS, 'content-type': 'text/plain' }).end('Not Found\n');
}

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range, or undefined when absent or unsatisfiable. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  const [, from = '', to = ''] = match;
  let start: number;
  let end: number;
  if (from === '') {
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

export function createEgressHandler(store: VodStore, outputRoot: string) {
  return async function handleEgress(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...CORS_HEADERS, allow: 'GET, HEAD, OPTIONS' }).end();
      return;
    }
    const [egressKey, configKey, fileName, ...rest] = pathname.slice(EGRESS_PREFIX.length).split('/');
    if (!egressKey || !configKey || !fileName || rest.length > 0 || !SAFE_NAME.test(fileName)) return notFound(res);
    const asset = store.assetByEgressKey(egressKey);
    const endpoint = asset?.egressEndpoints.find((candidate) => candidate.configKey === configKey);
    if (!asset || !endpoint || endpoint.status !== 'PLAYABLE') return notFound(res);

    const file = path.join(outputDirOf(outputRoot, asset, endpoint), fileName);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return notFound(res);
      size = info.size;
    } catch {
      return notFound(res);
    }
    const headers: Record<string, string | number> = {
      ...CORS_HEADERS,
      'content-type': CONTENT_TYPES[path.extname(fileName)] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      // Packaged VOD output never changes under its URL.
      'cache-control': 'max-age=86400',
    };
    const range = parseRange(req.headers.range, size);
    if (range === 'invalid') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end();
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    headers['content-length'] = size === 0 ? 0 : end - start + 1;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    createReadStream(file, { start, end })
      .on('error', (error) => res.destroy(error))
      .pipe(res);
  };
}
