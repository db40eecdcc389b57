// The clients a handler uses, each built from its environment on first use (not at import), so
// a handler needs only the variables of the services it calls, and a missing one fails the
// invocation with a message that names it. One instance per Lambda container, or per local home.
import type { HandlerEnvironment, SweepSettings } from '../../contracts/handlerEnvironment.ts';
import type { RemovalContext } from './clipFlow.ts';
import { clipStore, type ClipStore } from './clipStore.ts';
import { clipObjects, type ClipObjects } from './clipObjects.ts';
import { clientConfig, clipStoreConfig, harvestConfig, liveConfig, objectsConfig, packagingConfig, publishConfig, signingRegion, sweepConfig } from './config.ts';
import { harvester, type Harvester } from './harvester.ts';
import { harvestJobs, type HarvestJobs } from './harvestJobs.ts';
import { liveChannels, type LiveChannels } from './liveChannels.ts';
import type { Logger } from './logger.ts';
import { packager, type Packager } from './packager.ts';
import { publisher, type PublishClip } from './publisher.ts';

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface Services {
  store(): ClipStore;
  live(): LiveChannels;
  /** Reads and cancels clips' harvest jobs. */
  harvestJobs(): HarvestJobs;
  /** Starts them too: only the handlers that start jobs are granted it. */
  harvester(): Harvester;
  packager(): Packager;
  objects(): ClipObjects;
  publish(): PublishClip;
  /** How long the sweeper lets a clip sit before re-checking it, and when it gives up on one. */
  sweep(): Required<SweepSettings>;
}

/** The services of a handler whose variables are `env` (`process.env` on Lambda). */
export function servicesOf(env: HandlerEnvironment): Services {
  const client = once(() => clientConfig(env));
  const services: Services = {
    store: once(() => {
      const config = clipStoreConfig(env);
      return clipStore({ endpoint: config.dynamodbEndpoint, tableName: config.clipsTable, client: client() });
    }),
    live: once(() => liveChannels(liveConfig(env), client())),
    harvestJobs: once(() => harvestJobs(services.live())),
    harvester: once(() => harvester(harvestConfig(env), services.live())),
    packager: once(() => packager(packagingConfig(env), client())),
    objects: once(() => clipObjects(objectsConfig(env), client())),
    publish: once(() => publisher(publishConfig(env), { ...client(), region: signingRegion(env) })),
    sweep: once(() => sweepConfig(env)),
  };
  return services;
}

/** Everything a step of a clip's way may need but starting harvests, logging through the handler's `log`. */
export function flowContextOf(services: Services, log: Logger): RemovalContext {
  return {
    store: services.store(),
    // Built on first publish: a handler that never publishes (removeClip) needs no API URL.
    publish: (clip) => services.publish()(clip),
    harvestJobs: services.harvestJobs(),
    packager: services.packager(),
    objects: services.objects(),
    log,
  };
}
