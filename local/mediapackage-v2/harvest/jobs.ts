import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HarvestJobV2Status } from '../../eventbus/index.ts';
import { newETag } from '../resources.ts';
import type { HarvestJobRequest } from './validate.ts';

export type HarvestJobStatus = HarvestJobV2Status;

/** A job that will not change again: CancelHarvestJob refuses it. */
export const FINAL_STATUSES: ReadonlySet<HarvestJobStatus> = new Set(['CANCELLED', 'COMPLETED', 'FAILED']);

/** A job is what CreateHarvestJob asked for, where, and how it stands. */
export interface HarvestJob extends Omit<HarvestJobRequest, 'harvestJobName'> {
  channelGroupName: string;
  channelName: string;
  originEndpointName: string;
  harvestJobName: string;
  arn: string;
  status: HarvestJobStatus;
  errorMessage: string | undefined;
  createdAt: number;
  modifiedAt: number;
  eTag: string;
}

const keyOf = (job: Pick<HarvestJob, 'channelGroupName' | 'channelName' | 'harvestJobName'>) =>
  `${job.channelGroupName}/${job.channelName}/${job.harvestJobName}`;

interface TokenUse {
  job: HarvestJob;
  /** The request the token first came with, to tell a retry from a different request. */
  request: string;
}

/** A job's file: the job, and the client token that made it with its request. */
interface JobFile {
  job: HarvestJob;
  clientToken?: string;
  request: string;
}

/**
 * Jobs in creation order, by name within their channel, and the client tokens that created them,
 * kept one JSON file each under `dir`, as AWS keeps jobs across anything that happens to the
 * service: a restarted origin finds its jobs and resumes those in progress. Writes are queued in
 * order; the API answers a create or cancel once `flushed`, so a crash loses no acknowledged job,
 * only a status change of the job's own run, which the resumed job then makes again.
 */
export class HarvestJobStore {
  private readonly jobs = new Map<string, HarvestJob>();
  private readonly tokens = new Map<string, TokenUse>();
  private readonly files = new Map<HarvestJob, JobFile>();
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly log: (message: string) => void,
  ) {}

  static async open(dir: string, log: (message: string) => void): Promise<HarvestJobStore> {
    const store = new HarvestJobStore(dir, log);
    await mkdir(dir, { recursive: true });
    const files: JobFile[] = [];
    for (const name of await readdir(dir)) {
      if (name.endsWith('.json')) files.push(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as JobFile);
    }
    for (const file of files.sort((a, b) => a.job.createdAt - b.job.createdAt)) store.remember(file);
    return store;
  }

  add(job: HarvestJob, clientToken: string | undefined, request: string): void {
    this.remember({ job, request, ...(clientToken ? { clientToken } : {}) });
    this.save(job);
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.writes;
  }

  private remember(file: JobFile): void {
    this.jobs.set(keyOf(file.job), file.job);
    this.files.set(file.job, file);
    if (file.clientToken) this.tokens.set(file.clientToken, { job: file.job, request: file.request });
  }

  private save(job: HarvestJob): void {
    const file = this.files.get(job);
    if (!file) return;
    const name = path.join(this.dir, `${encodeURIComponent(keyOf(job))}.json`);
    const body = JSON.stringify(file);
    this.writes = this.writes
      .then(async () => {
        await writeFile(`${name}.tmp`, body);
        await rename(`${name}.tmp`, name);
      })
      .catch((error: unknown) => this.log(`[mediapackage-v2] harvest job ${job.harvestJobName} not saved: ${String(error)}`));
  }

  tokenUse(clientToken: string | undefined): TokenUse | undefined {
    return clientToken ? this.tokens.get(clientToken) : undefined;
  }

  get(channelGroupName: string, channelName: string, harvestJobName: string): HarvestJob | undefined {
    return this.jobs.get(keyOf({ channelGroupName, channelName, harvestJobName }));
  }

  /** Oldest first: the order jobs start in, and a stable order to page through. */
  all(): HarvestJob[] {
    return [...this.jobs.values()];
  }

  /** Moves a job to a new status; every change gets a new ETag and modification time. */
  transition(job: HarvestJob, status: HarvestJobStatus, errorMessage?: string): void {
    job.status = status;
    job.errorMessage = errorMessage;
    job.modifiedAt = Date.now();
    job.eTag = newETag();
    this.save(job);
  }
}
