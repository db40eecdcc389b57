import path from 'node:path/posix';
import type { EventBus } from '../../eventbus/index.ts';
import type { ObjectStore } from '../../objectstore/index.ts';
import type { ArchivedSegment, ChannelArchive, RenditionArchive } from '../archive.ts';
import { harvestJobNotification } from '../events.ts';
import { mediaPlaylist, multivariantPlaylist, renditionNumber } from '../playlists.ts';
import type { HarvestJobRecord, HarvestJobStore } from './jobs.ts';

export interface HarvestContext {
  jobs: HarvestJobStore;
  objectStore: ObjectStore;
  eventBus: EventBus | undefined;
  archiveOf: (originEndpointId: string) => ChannelArchive | undefined;
  /** How long past EndTime (or past now, whichever is later) to wait for the origin to hold it. */
  ingestGraceMs: number;
  /** Aborted when the origin stops: the job stays IN_PROGRESS on disk and resumes on the next start. */
  signal: AbortSignal;
  log: (message: string) => void;
}

/** Why a job FAILED; its message becomes the failure event's `detail.message`. */
export class HarvestFailure extends Error {
  override readonly name = 'HarvestFailure';
  constructor(
    readonly jobId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where a harvest's files go: beside the manifest key, named after it, as MediaPackage does. */
export function harvestLayout(manifestKey: string) {
  const dir = path.dirname(manifestKey);
  const prefix = dir === '.' ? '' : `${dir}/`;
  const base = path.basename(manifestKey).replace(/\.m3u8$/, '');
  return {
    mediaPlaylistName: (number: number) => `${base}_${number}.m3u8`,
    segmentName: (number: number, index: number) => `${base}_${number}_${index}.ts`,
    key: (name: string) => `${prefix}${name}`,
  };
}

async function harvestRendition(
  job: HarvestJobRecord,
  rendition: RenditionArchive,
  store: ObjectStore,
  layout: ReturnType<typeof harvestLayout>,
): Promise<void> {
  const segments = rendition.range(job.startMs, job.endMs);
  if (segments.length === 0) throw new HarvestFailure(job.id, `No content between ${job.startTime} and ${job.endTime}`);
  const number = renditionNumber(rendition.id);
  const indexOf = new Map<ArchivedSegment, number>(segments.map((segment, index) => [segment, index]));
  const { bucketName } = job.s3Destination;
  await store.linkAll(
    bucketName,
    segments.map((segment, index) => ({
      key: layout.key(layout.segmentName(number, index)),
      sourceFile: rendition.fileOf(segment),
    })),
  );
  const playlist = mediaPlaylist({
    segments,
    type: 'VOD',
    renumber: true,
    uriOf: (segment) => layout.segmentName(number, indexOf.get(segment) ?? 0),
  });
  await store.put(bucketName, layout.key(layout.mediaPlaylistName(number)), playlist);
}

/**
 * Copies [StartTime, EndTime] of every rendition into the object store, records the outcome and
 * emits the notification. Rejects only when the job record cannot be written. Returns undefined
 * when interrupted by the origin stopping.
 */
export async function runHarvestJob(job: HarvestJobRecord, context: HarvestContext): Promise<HarvestJobRecord | undefined> {
  const { objectStore, log } = context;
  let finished: HarvestJobRecord;
  try {
    const archive = context.archiveOf(job.originEndpointId);
    if (!archive) throw new HarvestFailure(job.id, `OriginEndpoint ${job.originEndpointId} no longer exists`);
    const renditions = archive.orderedRenditions();
    if (renditions.length === 0) throw new HarvestFailure(job.id, 'The origin endpoint holds no content');
    // A range that ends at the live edge waits for its last segment instead of being cut short.
    const deadline = Math.max(job.endMs, Date.now()) + context.ingestGraceMs;
    const held = await Promise.all(renditions.map((rendition) => rendition.waitForEnd(job.endMs, deadline, context.signal)));
    if (context.signal.aborted) return undefined;
    if (held.includes(false)) throw new HarvestFailure(job.id, `The origin received no content up to EndTime ${job.endTime}`);

    const layout = harvestLayout(job.s3Destination.manifestKey);
    await Promise.all(renditions.map((rendition) => harvestRendition(job, rendition, objectStore, layout)));
    const master = multivariantPlaylist(
      renditions.map((rendition) => ({
        info: archive.variants.find((variant) => variant.rendition === rendition.id),
        uri: layout.mediaPlaylistName(renditionNumber(rendition.id)),
      })),
    );
    // The manifest comes last: whoever finds it finds everything it names.
    await objectStore.put(job.s3Destination.bucketName, job.s3Destination.manifestKey, master);
    finished = { ...job, status: 'SUCCEEDED' };
    log(`[mediapackage] harvest job ${job.id} succeeded: s3://${job.s3Destination.bucketName}/${job.s3Destination.manifestKey}`);
  } catch (error) {
    const message = error instanceof HarvestFailure ? error.message : `Harvest failed: ${String(error)}`;
    finished = { ...job, status: 'FAILED', message };
    log(`[mediapackage] harvest job ${job.id} failed: ${message}`);
  }
  await context.jobs.save(finished);
  try {
    context.eventBus?.putEvents([harvestJobNotification(finished)]);
  } catch (error) {
    // Best effort, as MediaPackage's own events: the job's outcome stands without it.
    log(`[mediapackage] harvest job ${job.id}: notification not sent: ${String(error)}`);
  }
  return finished;
}
