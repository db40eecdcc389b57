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

/** Jobs in creation order, by name within their channel, and the client tokens that created them. */
export class HarvestJobStore {
  private readonly jobs = new Map<string, HarvestJob>();
  private readonly tokens = new Map<string, TokenUse>();

  add(job: HarvestJob, clientToken: string | undefined, request: string): void {
    this.jobs.set(keyOf(job), job);
    if (clientToken) this.tokens.set(clientToken, { job, request });
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
  }
}
