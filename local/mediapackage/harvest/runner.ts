import path from 'node:path/posix';
import { traced } from '../../../functions/commons/tracer.ts';
import type { EventBus } from '../../eventbus/index.ts';
import type { ObjectStore } from '../../objectstore/index.ts';
import type { ArchivedSegment, ChannelArchive, RenditionArchive } from '../archive.ts';
import { harvestJobNotification } from '../events.ts';
import { mediaPlaylist, multivariantPlaylist, renditionNumber } from '../playlists.ts';
import type { HarvestJobRecord, HarvestJobStore } from './jobs.ts';

export interface HarvestContext extends RangeContext {
  jobs: HarvestJobStore;
  eventBus: EventBus | undefined;
  archiveOf: (originEndpointId: string) => ChannelArchive | undefined;
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
  range: HarvestRange,
  rendition: RenditionArchive,
  store: ObjectStore,
  layout: ReturnType<typeof harvestLayout>,
): Promise<string[]> {
  const segments = rendition.range(range.startMs, range.endMs);
  if (segments.length === 0) throw new HarvestFailure(range.jobId, `No content between ${range.startTime} and ${range.endTime}`);
  const number = renditionNumber(rendition.id);
  const indexOf = new Map<ArchivedSegment, number>(segments.map((segment, index) => [segment, index]));
  const links = segments.map((segment, index) => ({
    key: layout.key(layout.segmentName(number, index)),
    sourceFile: rendition.fileOf(segment),
  }));
  await store.linkAll(range.bucketName, links);
  const playlist = mediaPlaylist({
    segments,
    type: 'VOD',
    renumber: true,
    uriOf: (segment) => layout.segmentName(number, indexOf.get(segment) ?? 0),
  });
  const playlistKey = layout.key(layout.mediaPlaylistName(number));
  await store.put(range.bucketName, playlistKey, playlist);
  return [...links.map((link) => link.key), playlistKey];
}

/** One range of one channel's archive, and where its HLS goes. */
export interface HarvestRange {
  /** Named in failures. */
  jobId: string;
  startMs: number;
  endMs: number;
  /** As the API wrote them, for messages. */
  startTime: string;
  endTime: string;
  bucketName: string;
  /** The multivariant playlist's key; media playlists and segments go beside it. */
  manifestKey: string;
}

export interface RangeContext {
  objectStore: ObjectStore;
  /** How long past EndTime (or past now, whichever is later) to wait for the origin to hold it. */
  ingestGraceMs: number;
  /** Aborting it while the range is awaited stops the harvest before it writes anything. */
  signal: AbortSignal;
}

/**
 * Waits until every rendition holds [startMs, endMs], then copies it into the object store, the
 * multivariant playlist last. Returns the keys written, or undefined when the signal was aborted
 * first. Throws HarvestFailure when the range cannot be harvested.
 */
export async function harvestRange(archive: ChannelArchive, range: HarvestRange, context: RangeContext): Promise<string[] | undefined> {
  const { objectStore } = context;
  const renditions = archive.orderedRenditions();
  if (renditions.length === 0) throw new HarvestFailure(range.jobId, 'The origin endpoint holds no content');
  // A range that ends at the live edge waits for its last segment instead of being cut short.
  const deadline = Math.max(range.endMs, Date.now()) + context.ingestGraceMs;
  // A job's id is its clip's trace id (functions/commons/clips.ts names jobs so).
  const held = await traced('mediapackage.harvest.waitForEnd', range.jobId, () =>
    Promise.all(renditions.map((rendition) => rendition.waitForEnd(range.endMs, deadline, context.signal))),
  );
  if (context.signal.aborted) return undefined;
  if (held.includes(false)) throw new HarvestFailure(range.jobId, `The origin received no content up to EndTime ${range.endTime}`);

  return traced('mediapackage.harvest.copy', range.jobId, async () => {
    const layout = harvestLayout(range.manifestKey);
    const written = await Promise.all(renditions.map((rendition) => harvestRendition(range, rendition, objectStore, layout)));
    const master = multivariantPlaylist(
      renditions.map((rendition) => ({
        info: archive.variants.find((variant) => variant.rendition === rendition.id),
        uri: layout.mediaPlaylistName(renditionNumber(rendition.id)),
      })),
    );
    // The manifest comes last: whoever finds it finds everything it names.
    await objectStore.put(range.bucketName, range.manifestKey, master);
    return [...written.flat(), range.manifestKey];
  });
}

/**
 * Copies [StartTime, EndTime] of every rendition into the object store, records the outcome and
 * emits the notification. Rejects only when the job record cannot be written. Returns undefined
 * when interrupted by the origin stopping.
 */
export async function runHarvestJob(job: HarvestJobRecord, context: HarvestContext): Promise<HarvestJobRecord | undefined> {
  const { log } = context;
  let finished: HarvestJobRecord;
  try {
    const archive = context.archiveOf(job.originEndpointId);
    if (!archive) throw new HarvestFailure(job.id, `OriginEndpoint ${job.originEndpointId} no longer exists`);
    const range = { ...job, jobId: job.id, bucketName: job.s3Destination.bucketName, manifestKey: job.s3Destination.manifestKey };
    if (!(await harvestRange(archive, range, context))) return undefined;
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
