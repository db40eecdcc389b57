// What the local MediaPackage v1 and v2 origins share as servers: their common options, the
// handle they return, and how they listen and close.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBus } from '../eventbus/index.ts';
import { createObjectStore, type ObjectStore } from '../objectstore/index.ts';
import type { RequestFault } from '../rest/index.ts';

export interface OriginOptions {
  /** Where harvests land; put it on the same file system as `dataDir` so harvests hard-link. @default a store rooted at '.data/objects' */
  objectStore?: ObjectStore;
  /** Receives the version's harvest-job notifications. @default none: no events are sent */
  eventBus?: EventBus;
  /** Harvest jobs IN_PROGRESS at once (v1: per account; v2: per channel group). @default 10 */
  harvestQuota?: number;
  /** How long a harvest waits past EndTime for the encoder to deliver it before failing. @default 20 */
  ingestGraceSeconds?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** Region in ARNs and events. @default 'us-east-1' */
  region?: string;
  /** Account in ARNs and events. @default '000000000000' */
  account?: string;
  /** Answers API requests with an error instead, as AWS may (tests only). @default none */
  fault?: RequestFault;
  /** @default console.log */
  log?: (message: string) => void;
}

export interface OriginServer<TChannel> {
  /** Endpoint for the version's SDK client (`new MediaPackageClient({ endpoint: url })`). */
  url: string;
  channels: TChannel[];
  /** Resolves when no harvest job is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The common options with their defaults filled in. */
export function withOriginDefaults(options: OriginOptions) {
  return {
    objectStore: options.objectStore ?? createObjectStore({ root: '.data/objects' }),
    eventBus: options.eventBus,
    harvestQuota: options.harvestQuota ?? 10,
    ingestGraceSeconds: options.ingestGraceSeconds ?? 20,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    region: options.region ?? 'us-east-1',
    account: options.account ?? '000000000000',
    fault: options.fault,
    log: options.log ?? ((message: string) => console.log(message)),
  };
}

/** Listens and returns the base URL the origin is reached at. */
export async function listen(server: http.Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

export interface OriginParts<TChannel> {
  server: http.Server;
  url: string;
  channels: TChannel[];
  harvests: { idle(): Promise<void>; stop(): Promise<void> };
  pruneTimer: NodeJS.Timeout;
}

/** The handle a started origin returns: stopping it ends pruning, harvests, then the server. */
export function originServer<TChannel>({ server, url, channels, harvests, pruneTimer }: OriginParts<TChannel>): OriginServer<TChannel> {
  return {
    url,
    channels,
    idle: () => harvests.idle(),
    async stop() {
      clearInterval(pruneTimer);
      await harvests.stop();
      // Every connection still open goes too (an encoder keeps its own open).
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
