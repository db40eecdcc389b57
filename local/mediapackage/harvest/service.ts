// Harvest jobs as a service: CreateHarvestJob validates, records and starts a job; each job runs
// in the background until it SUCCEEDS or FAILS (and says so on the event bus); jobs a stopped
// origin left IN_PROGRESS are resumed, never left stuck.
import type { EventBus } from '../../eventbus/index.ts';
import type { ObjectStore } from '../../objectstore/index.ts';
import type { ChannelArchive } from '../archive.ts';
import type { HarvestJobRecord, HarvestJobStore } from './jobs.ts';
import { runHarvestJob } from './runner.ts';
import { validateCreateHarvestJob } from './validate.ts';

export interface HarvestServiceOptions {
  jobs: HarvestJobStore;
  objectStore: ObjectStore;
  eventBus: EventBus | undefined;
  /** The archive of an origin endpoint, and the channel it belongs to. */
  endpointOf: (originEndpointId: string) => { archive: ChannelArchive; channelId: string } | undefined;
  startoverWindowSeconds: number;
  harvestQuota: number;
  ingestGraceSeconds: number;
  region: string;
  account: string;
  log: (message: string) => void;
}

export interface HarvestService {
  createHarvestJob(body: unknown): Promise<HarvestJobRecord>;
  /** Starts every job still IN_PROGRESS (the origin stopped while it ran). */
  resume(): void;
  /** Resolves when no job is running. */
  idle(): Promise<void>;
  /** Aborts running jobs and waits for them to record their outcome. */
  stop(): Promise<void>;
}

export function createHarvestService(options: HarvestServiceOptions): HarvestService {
  const { jobs, log } = options;
  const abort = new AbortController();
  const running = new Set<Promise<unknown>>();
  const archiveOf = (originEndpointId: string) => options.endpointOf(originEndpointId)?.archive;
  const context = {
    jobs,
    objectStore: options.objectStore,
    eventBus: options.eventBus,
    archiveOf,
    ingestGraceMs: options.ingestGraceSeconds * 1000,
    signal: abort.signal,
    log,
  };
  const start = (job: HarvestJobRecord) => {
    const run = runHarvestJob(job, context)
      .catch((error: unknown) => log(`[mediapackage] harvest job ${job.id}: cannot record its outcome: ${String(error)}`))
      .finally(() => running.delete(run));
    running.add(run);
  };

  return {
    async createHarvestJob(body) {
      const request = validateCreateHarvestJob(body, {
        jobs,
        objectStore: options.objectStore,
        archiveOf,
        startoverWindowSeconds: options.startoverWindowSeconds,
        harvestQuota: options.harvestQuota,
        now: Date.now(),
      });
      const job: HarvestJobRecord = {
        id: request.id,
        arn: `arn:aws:mediapackage:${options.region}:${options.account}:harvest_jobs/${request.id}`,
        channelId: options.endpointOf(request.originEndpointId)?.channelId ?? '',
        originEndpointId: request.originEndpointId,
        startTime: request.startTime,
        endTime: request.endTime,
        startMs: request.startMs,
        endMs: request.endMs,
        s3Destination: request.s3Destination,
        createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        status: 'IN_PROGRESS',
      };
      await jobs.save(job);
      log(`[mediapackage] harvest job ${job.id}: ${job.startTime} to ${job.endTime} of ${job.originEndpointId}`);
      start(job);
      return job;
    },
    resume() {
      for (const job of jobs.all()) {
        if (job.status !== 'IN_PROGRESS') continue;
        log(`[mediapackage] resuming harvest job ${job.id}`);
        start(job);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
    async stop() {
      abort.abort();
      await Promise.all(running);
    },
  };
}
