// The clients a handler uses, each built from its environment on first use (not at import), so
// a handler needs only the variables of the services it calls, and a missing one fails the
// invocation with a message that names it. One instance per Lambda container, or per local home.
import type { HandlerEnvironment } from '../../contracts/handlerEnvironment.ts';
import { clipStore, type ClipStore } from './clipStore.ts';
import { clientConfig, clipStoreConfig, harvestConfig, packagingConfig, publishConfig, signingRegion, sweepConfig } from './config.ts';
import { harvester, type Harvester } from './harvester.ts';
import { packager, type Packager } from './packager.ts';
import { publisher, type PublishClip } from './publisher.ts';

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface Services {
  store(): ClipStore;
  harvester(): Harvester;
  packager(): Packager;
  publish(): PublishClip;
  /** How long the sweeper lets a clip sit before re-checking it. */
  recheckAfterSeconds(): number;
}

/** The services of a handler whose variables are `env` (`process.env` on Lambda). */
export function servicesOf(env: HandlerEnvironment): Services {
  const client = once(() => clientConfig(env));
  return {
    store: once(() => {
      const config = clipStoreConfig(env);
      return clipStore({ endpoint: config.dynamodbEndpoint, tableName: config.clipsTable, client: client() });
    }),
    harvester: once(() => harvester(harvestConfig(env), client())),
    packager: once(() => packager(packagingConfig(env), client())),
    publish: once(() => publisher(publishConfig(env), { ...client(), region: signingRegion(env) })),
    recheckAfterSeconds: once(() => sweepConfig(env).recheckAfterSeconds),
  };
}
