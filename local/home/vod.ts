// The VOD part of the local home: MediaPackage-VOD over the object store, with the clips
// packaging group and configurations made through its own API, as the CDK stack makes them.
import { MediaPackageVodClient } from '@aws-sdk/client-mediapackage-vod';
import { join } from 'node:path';
import { PACKAGING_GROUP_ID } from '../../contracts/packaging.ts';
import { startMediaPackageVod, type MediaPackageVod } from '../mediapackage-vod/index.ts';
import type { RequestFault } from '../rest/index.ts';
import type { PartContext, Teardown } from './part.ts';
import { ensureVodPackaging } from './vodPackaging.ts';

export interface VodOptions extends PartContext {
  port: number | undefined;
  ffmpegPath: string;
  fault: RequestFault | undefined;
  assetQuota: number | undefined;
}

export async function startVod(options: VodOptions, teardown: Teardown): Promise<MediaPackageVod> {
  const vod = await startMediaPackageVod({
    dataDir: join(options.dataDir, 'mediapackage-vod'),
    objectStore: options.objectStore,
    eventBus: options.eventBus,
    host: options.host,
    port: options.port,
    region: options.region,
    accountId: options.account,
    ffmpegPath: options.ffmpegPath,
    ...(options.fault ? { fault: options.fault } : {}),
    ...(options.assetQuota === undefined ? {} : { assetQuota: options.assetQuota }),
    log: options.log,
  });
  teardown.add(() => vod.stop());
  // The local service checks no signature.
  const client = new MediaPackageVodClient({ endpoint: vod.endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await ensureVodPackaging(client);
  } finally {
    client.destroy();
  }
  options.log(`[home] VOD packaging group ${PACKAGING_GROUP_ID} ready`);
  return vod;
}
