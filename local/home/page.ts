// The player page at the API's root: the built page (web/), and /config.json, the home's outputs
// in the shape of the outputs file, which the page reads its endpoints from.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { ClipsOutputs } from '../../contracts/outputs.ts';
import type { PageBundle } from '../../web/bundle.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** A page is public: the backend's IAM key pair stays in the outputs file. */
function forThePage(outputs: ClipsOutputs): ClipsOutputs {
  const auth = { ...outputs.auth };
  delete auth.iam;
  return { ...outputs, auth };
}

export type PageHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export function pageHandler(page: PageBundle, config: () => ClipsOutputs | undefined): PageHandler {
  return (request, response) => {
    if (request.method !== 'GET') return false;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/config.json') {
      const outputs = config();
      response.writeHead(outputs ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(outputs ? forThePage(outputs) : { message: 'the home is still starting' }));
      return true;
    }
    const file = path === '/' ? 'index.html' : path.slice(1);
    const body = page.files.get(file);
    const type = TYPES[extname(file)];
    if (!body || !type) return false;
    response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache' });
    response.end(body);
    return true;
  };
}
