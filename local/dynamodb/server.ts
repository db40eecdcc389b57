// A DynamoDB-wire-compatible server on loopback (dynalite), so the real AWS SDK clients work
// against it unchanged. It lacks TransactWriteItems; everything else the project uses works.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import dynalite from 'dynalite';

export interface StartDynamoDBOptions {
  /** Directory to persist tables in; in memory when undefined. */
  dataDir?: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** Answers a request with an error instead of serving it, as DynamoDB may (tests only). @default none */
  fault?: DynamoDBFault;
  /** @default console.log */
  log?: (message: string) => void;
}

/** DynamoDB's error shape: `type` as in `__type` (InternalServerError, ProvisionedThroughputExceededException, ...). */
export interface DynamoDBRefusal {
  status: number;
  type: string;
  message: string;
}

/** Decides per request, by its operation (the X-Amz-Target's: PutItem, Query, ...), whether to refuse it. */
export type DynamoDBFault = (request: { operation: string }) => DynamoDBRefusal | undefined;

export interface DynamoDBServer {
  /** `http://host:port`, for a client's `endpoint`. */
  endpoint: string;
  stop(): Promise<void>;
}

export class DynamoDBServerError extends Error {
  override readonly name = 'DynamoDBServerError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export async function startDynamoDB(options: StartDynamoDBOptions = {}): Promise<DynamoDBServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string) => console.log(message));
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  // Tables are usable at once: nothing local benefits from DynamoDB's CREATING delay.
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir !== undefined ? { path: options.dataDir } : {}),
  });
  const fault = options.fault;
  if (fault) {
    const [serve] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const refusal = fault({ operation });
      if (!refusal) {
        serve?.(req, res);
        return;
      }
      req.resume();
      res.writeHead(refusal.status, { 'Content-Type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${refusal.type}`, message: refusal.message }));
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new DynamoDBServerError(`cannot listen on ${host}:${options.port ?? 0}`, { cause: error })),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host}:${port}`;
  log(`[dynamodb] listening on ${endpoint} (${options.dataDir ?? 'in memory'})`);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(new DynamoDBServerError('cannot stop', { cause: error })) : resolve()));
      }),
  };
}
