// One v2 harvest job's run: the v1 origin's harvestRange (local/mediapackage/) once per harvested
// HLS manifest, into `<DestinationPath>/<ManifestName>.m3u8` and the files beside it.
import type { ObjectStore } from '../../objectstore/index.ts';
import { HarvestFailure, harvestRange, isoSeconds, type ChannelArchive } from '../../mediapackage/index.ts';
import type { HarvestJob } from './jobs.ts';

/** Makes a job FAIL with the returned message instead of harvesting (tests only). */
export type HarvestFault = (job: Readonly<HarvestJob>) => string | undefined;

export interface RunContext {
  archive: ChannelArchive;
  objectStore: ObjectStore;
  ingestGraceMs: number;
  /** Aborted by CancelHarvestJob or by the origin stopping. */
  signal: AbortSignal;
  fault: HarvestFault | undefined;
}

export type RunOutcome = { status: 'COMPLETED'; keys: string[] } | { status: 'FAILED'; message: string } | { status: 'INTERRUPTED' };

export function manifestKeyOf(destinationPath: string, manifestName: string): string {
  const prefix = destinationPath.replace(/^\/+/, '').replace(/\/*$/, '/');
  return `${prefix === '/' ? '' : prefix}${manifestName}.m3u8`;
}

/** What an interrupted job wrote goes again: whoever finds a manifest may rely on it being whole. */
export async function removeHarvested(store: ObjectStore, bucketName: string, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => store.delete(bucketName, key).catch(() => undefined)));
}

export async function runHarvest(job: HarvestJob, context: RunContext): Promise<RunOutcome> {
  const written: string[] = [];
  const interrupted = async (): Promise<RunOutcome> => {
    await removeHarvested(context.objectStore, job.bucketName, written);
    return { status: 'INTERRUPTED' };
  };
  try {
    const injected = context.fault?.(job);
    if (injected !== undefined) throw new HarvestFailure(job.harvestJobName, injected);
    for (const manifestName of job.hlsManifests) {
      const range = {
        jobId: job.harvestJobName,
        startMs: job.startMs,
        endMs: job.endMs,
        startTime: isoSeconds(job.startMs),
        endTime: isoSeconds(job.endMs),
        bucketName: job.bucketName,
        manifestKey: manifestKeyOf(job.destinationPath, manifestName),
      };
      const keys = await harvestRange(context.archive, range, context);
      if (!keys) return await interrupted();
      written.push(...keys);
    }
    if (context.signal.aborted) return await interrupted();
    return { status: 'COMPLETED', keys: written };
  } catch (error) {
    if (context.signal.aborted) return await interrupted();
    return { status: 'FAILED', message: error instanceof HarvestFailure ? error.message : `Harvest failed: ${String(error)}` };
  }
}
