import type { IncomingMessage } from 'node:http';

/** A body cut short: the sender went away before its last byte. */
export class IncompleteBodyError extends Error {
  override readonly name = 'IncompleteBodyError';
  constructor(
    readonly receivedBytes: number,
    options?: { cause?: unknown },
  ) {
    super(`the upload stopped after ${receivedBytes} bytes, before its end`, options);
  }
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`the upload is larger than ${limitBytes} bytes`);
  }
}

/**
 * Reads a whole request body into memory, as it arrives. Call it before any `await`.
 *
 * Why not stream it to disk: ffmpeg 5.1 closes its connection right after a chunked PUT's last
 * chunk without reading the answer, and Node's server then destroys the request, dropping every
 * byte still buffered behind a slow consumer (a file write). Taken as it arrives, the body is whole
 * whenever the parser saw its end (`complete`), whatever happens to the socket next.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = (error?: unknown) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onEnd);
      req.off('close', onEnd);
      if (received > limitBytes) reject(new BodyTooLargeError(limitBytes));
      else if (req.complete) resolve(Buffer.concat(chunks));
      else reject(new IncompleteBodyError(received, { cause: error }));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        chunks.length = 0;
        settle();
        req.destroy();
      } else chunks.push(chunk);
    };
    const onEnd = (error?: unknown) => settle(error);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onEnd);
    req.on('close', onEnd);
  });
}
