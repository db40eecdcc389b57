// The clients a handler uses, each built from the environment on first use (not at import), so
// a handler needs only the variables of the services it calls, and a missing one fails the
// invocation with a message that names it. One instance per Lambda container.
import { clipStore, type ClipStore } from './clipStore.ts';
import { clipStoreConfig, harvestConfig, packagingConfig, publishConfig } from './config.ts';
import { harvester, type Harvester } from './harvester.ts';
import { packager, type Packager } from './packager.ts';
import { publisher, type PublishClip } from './publisher.ts';

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export const services = {
  store: once((): ClipStore => {
    const config = clipStoreConfig();
    return clipStore({ endpoint: config.dynamodbEndpoint, tableName: config.clipsTable });
  }),
  harvester: once((): Harvester => harvester(harvestConfig())),
  packager: once((): Packager => packager(packagingConfig())),
  publish: once((): PublishClip => publisher(publishConfig())),
};
