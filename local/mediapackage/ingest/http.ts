import type { IncomingMessage, ServerResponse } from 'node:http';
import { IngestError, type ChannelIngest } from './channelIngest.ts';

// An upload that sends nothing for this long is cut off, so a stalled encoder connection never
// holds its segment (and the ones listed after it) out of the archive.
const UPLOAD_IDLE_TIMEOUT_MS = 10_000;

/**
 * Answers one encoder upload (a PUT under a channel's ingest URL; `path` is what follows it) as
 * MediaPackage does: 201 once taken, else the refusal's status with its reason as text.
 */
export async function receiveIngest(
  req: IncomingMessage,
  res: ServerResponse,
  ingest: ChannelIngest | undefined,
  path: string[],
  log: (message: string) => void,
): Promise<void> {
  try {
    if (!ingest) throw new IngestError(`no channel at ${req.url}`, 404);
    if (req.method !== 'PUT' && req.method !== 'POST') throw new IngestError('ingest takes PUT', 405);
    req.setTimeout(UPLOAD_IDLE_TIMEOUT_MS, () => req.destroy());
    await ingest.handlePut(path, req);
    res.writeHead(201).end();
  } catch (error) {
    const status = error instanceof IngestError ? error.status : 500;
    if (status === 500) log(`[mediapackage] ${req.method} ${req.url} failed: ${String(error)}`);
    // The rest of a refused body is read and dropped, so a persistent connection carries on.
    if (!req.complete) req.resume();
    if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(String(error instanceof Error ? error.message : error));
  }
}
