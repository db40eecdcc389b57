// Harvest jobs as a service: CreateHarvestJob validates and records a job; at most `quota` jobs
// of a channel group are IN_PROGRESS at once ("Maximum active harvest jobs: 10 per channel
// group", v2 user guide, Quotas) and the rest wait QUEUED, starting in creation order. A running
// job waits until its EndTime has streamed, writes its HLS and COMPLETES (or FAILS) with an event.
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../../eventbus/index.ts';
import type { ObjectStore } from '../../objectstore/index.ts';
import { ConflictError, ResourceNotFoundError, ValidationError } from '../api/errors.ts';
import { harvestJobV2Notification } from '../events.ts';
import type { Resources } from '../resources.ts';
import { FINAL_STATUSES, HarvestJobStore, type HarvestJob } from './jobs.ts';
import { removeHarvested, runHarvest, type HarvestFault } from './runner.ts';
import { validateCreateHarvestJob } from './validate.ts';

export interface HarvestServiceOptions {
  resources: Resources;
  objectStore: ObjectStore;
  eventBus: EventBus | undefined;
  /** IN_PROGRESS jobs per channel group. */
  quota: number;
  ingestGraceSeconds: number;
  fault: HarvestFault | undefined;
  log: (message: string) => void;
}

export interface CreateHarvestJobCall {
  channelGroupName: string;
  channelName: string;
  originEndpointName: string;
  body: Record<string, unknown>;
  clientToken: string | undefined;
}

export interface JobPath {
  channelGroupName: string;
  channelName: string;
  originEndpointName: string;
  harvestJobName: string;
}

// Same keys in any order are the same request: a retry serialized anew must still match.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class HarvestService {
  private readonly running = new Map<HarvestJob, { abort: AbortController; done: Promise<void> }>();
  private readonly stopping = new AbortController();

  constructor(
    readonly jobs: HarvestJobStore,
    private readonly options: HarvestServiceOptions,
  ) {}

  /** After a restart: jobs that were in progress run again, then queued ones take free places. */
  resume(): void {
    const groups = new Set<string>();
    for (const job of this.jobs.all()) {
      groups.add(job.channelGroupName);
      if (job.status !== 'IN_PROGRESS') continue;
      this.options.log(`[mediapackage-v2] resuming harvest job ${job.harvestJobName}`);
      this.start(job);
    }
    for (const group of groups) this.startQueued(group);
  }

  create(call: CreateHarvestJobCall): HarvestJob {
    const { resources, objectStore } = this.options;
    const endpoint = resources.endpoint(call.channelGroupName, call.channelName, call.originEndpointName);
    const request = validateCreateHarvestJob(call.body, endpoint, objectStore, Date.now());
    // As the v1 origin refuses it: a range before anything was ingested can never be harvested.
    const earliest = resources.channel(call.channelGroupName, call.channelName).archive.earliestMs();
    if (earliest === undefined || request.startMs < earliest) {
      throw new ValidationError(
        'MEMBER_INVALID',
        earliest === undefined
          ? `ScheduleConfiguration.StartTime: channel ${call.channelName} has received no content yet`
          : `ScheduleConfiguration.StartTime ${new Date(request.startMs).toISOString()} is before the earliest content of channel ${call.channelName} (${new Date(earliest).toISOString()})`,
      );
    }

    // "A unique, case-sensitive identifier that you provide to ensure the idempotency of the
    // request" (CreateHarvestJobRequest.ClientToken): a retry gets the first job, another request
    // under the same token is refused, as AWS's idempotent APIs do.
    const { clientToken, ...requested } = call;
    const fingerprint = canonical(requested);
    const earlier = this.jobs.tokenUse(clientToken);
    if (earlier) {
      if (earlier.request === fingerprint) return earlier.job;
      throw new ConflictError('IDEMPOTENT_PARAMETER_MISMATCH', 'The ClientToken was already used with a different CreateHarvestJob request');
    }

    const harvestJobName = request.harvestJobName ?? `harvest-${randomUUID()}`;
    // "This name must be unique within the channel" (CreateHarvestJobRequest.HarvestJobName).
    if (this.jobs.get(call.channelGroupName, call.channelName, harvestJobName)) {
      throw new ConflictError('RESOURCE_ALREADY_EXISTS', `HarvestJob ${harvestJobName} already exists on Channel ${call.channelName}`);
    }
    const now = Date.now();
    const job: HarvestJob = {
      channelGroupName: call.channelGroupName,
      channelName: call.channelName,
      originEndpointName: call.originEndpointName,
      harvestJobName,
      arn: resources.arnOf(
        'channelGroup', call.channelGroupName, 'channel', call.channelName,
        'originEndpoint', call.originEndpointName, 'harvestJob', harvestJobName,
      ),
      description: request.description,
      hlsManifests: request.hlsManifests,
      startMs: request.startMs,
      endMs: request.endMs,
      bucketName: request.bucketName,
      destinationPath: request.destinationPath,
      tags: request.tags,
      status: 'QUEUED',
      errorMessage: undefined,
      createdAt: now,
      modifiedAt: now,
      eTag: '',
    };
    this.jobs.transition(job, 'QUEUED');
    this.jobs.add(job, clientToken, fingerprint);
    this.options.log(`[mediapackage-v2] harvest job ${harvestJobName}: ${new Date(job.startMs).toISOString()} to ${new Date(job.endMs).toISOString()}`);
    this.startQueued(job.channelGroupName);
    return job;
  }

  get(path: JobPath): HarvestJob {
    const job = this.jobs.get(path.channelGroupName, path.channelName, path.harvestJobName);
    if (!job || job.originEndpointName !== path.originEndpointName) {
      throw new ResourceNotFoundError('HARVEST_JOB', `HarvestJob ${path.harvestJobName} not found on OriginEndpoint ${path.originEndpointName}`);
    }
    return job;
  }

  /** CancelHarvestJob: "Cancels an in-progress harvest job" (the model); a queued one never starts. */
  cancel(path: JobPath, eTag: string | undefined): void {
    const job = this.get(path);
    if (eTag !== undefined && eTag !== job.eTag) {
      throw new ConflictError('CONFLICTING_OPERATION', `ETag ${eTag} does not match the current ETag of HarvestJob ${job.harvestJobName}`);
    }
    if (FINAL_STATUSES.has(job.status)) {
      throw new ValidationError('HARVEST_JOB_INELIGIBLE_FOR_CANCELLATION', `HarvestJob ${job.harvestJobName} is ${job.status} and cannot be cancelled`);
    }
    this.jobs.transition(job, 'CANCELLED');
    this.options.log(`[mediapackage-v2] harvest job ${job.harvestJobName} cancelled`);
    this.running.get(job)?.abort.abort();
    this.startQueued(job.channelGroupName);
  }

  /** Resolves when no job is running (queued ones start as running ones finish). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((run) => run.done));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.running.values()].map((run) => run.done));
    await this.jobs.flushed();
  }

  private startQueued(channelGroupName: string): void {
    const inGroup = this.jobs.all().filter((job) => job.channelGroupName === channelGroupName);
    let active = inGroup.filter((job) => job.status === 'IN_PROGRESS').length;
    for (const job of inGroup) {
      if (active >= this.options.quota || this.stopping.signal.aborted) return;
      if (job.status !== 'QUEUED') continue;
      this.start(job);
      active += 1;
    }
  }

  private start(job: HarvestJob): void {
    this.jobs.transition(job, 'IN_PROGRESS');
    const abort = new AbortController();
    const done = this.run(job, AbortSignal.any([abort.signal, this.stopping.signal]))
      .catch((error: unknown) => this.options.log(`[mediapackage-v2] harvest job ${job.harvestJobName}: ${String(error)}`))
      .finally(() => {
        this.running.delete(job);
        this.startQueued(job.channelGroupName);
      });
    this.running.set(job, { abort, done });
  }

  private async run(job: HarvestJob, signal: AbortSignal): Promise<void> {
    const { resources, objectStore, log } = this.options;
    const channel = resources.findChannel(job.channelGroupName, job.channelName);
    if (!channel) {
      this.finish(job, { status: 'FAILED', message: `Channel ${job.channelName} no longer exists` });
      return;
    }
    const outcome = await runHarvest(job, {
      archive: channel.archive,
      objectStore,
      ingestGraceMs: this.options.ingestGraceSeconds * 1000,
      signal,
      fault: this.options.fault,
    });
    // Cancelled (already recorded) or the origin stopping: the job keeps its status. A cancel
    // that came as the last file was written still wins.
    if (outcome.status === 'INTERRUPTED') return;
    if (signal.aborted) {
      if (outcome.status === 'COMPLETED') await removeHarvested(objectStore, job.bucketName, outcome.keys);
      return;
    }
    this.finish(job, outcome);
    log(`[mediapackage-v2] harvest job ${job.harvestJobName} ${job.status}${job.errorMessage ? `: ${job.errorMessage}` : ''}`);
  }

  private finish(job: HarvestJob, outcome: { status: 'COMPLETED' } | { status: 'FAILED'; message: string }): void {
    this.jobs.transition(job, outcome.status, outcome.status === 'FAILED' ? outcome.message : undefined);
    try {
      this.options.eventBus?.putEvents([harvestJobV2Notification(job)]);
    } catch (error) {
      // Best effort, as MediaPackage's own events: the job's outcome stands without it.
      this.options.log(`[mediapackage-v2] harvest job ${job.harvestJobName}: notification not sent: ${String(error)}`);
    }
  }
}
