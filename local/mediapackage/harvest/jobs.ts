import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HarvestJobStatus } from '../../eventbus/index.ts';

export interface HarvestJobRecord {
  id: string;
  arn: string;
  channelId: string;
  originEndpointId: string;
  /** As the API returns them: ISO-8601 UTC. */
  startTime: string;
  endTime: string;
  startMs: number;
  endMs: number;
  s3Destination: { bucketName: string; manifestKey: string; roleArn: string };
  createdAt: string;
  status: HarvestJobStatus;
  /** Why a job FAILED. Not part of the API shape; it goes into the failure event's `detail.message`. */
  message?: string;
}

/** The HarvestJob structure on the wire (restJson1, camelCase). */
export function toWire(job: HarvestJobRecord): Record<string, unknown> {
  return {
    arn: job.arn,
    channelId: job.channelId,
    createdAt: job.createdAt,
    endTime: job.endTime,
    id: job.id,
    originEndpointId: job.originEndpointId,
    s3Destination: job.s3Destination,
    startTime: job.startTime,
    status: job.status,
  };
}

/** Job records, one JSON file each under `dir`, so they outlive the process. */
export class HarvestJobStore {
  private readonly jobs = new Map<string, HarvestJobRecord>();

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<HarvestJobStore> {
    const store = new HarvestJobStore(dir);
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      const job = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as HarvestJobRecord;
      store.jobs.set(job.id, job);
    }
    return store;
  }

  get(id: string): HarvestJobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Oldest first, ties by id: a stable order for pagination. */
  all(): HarvestJobRecord[] {
    return [...this.jobs.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  countInProgress(): number {
    let count = 0;
    for (const job of this.jobs.values()) if (job.status === 'IN_PROGRESS') count += 1;
    return count;
  }

  async save(job: HarvestJobRecord): Promise<void> {
    this.jobs.set(job.id, job);
    const file = path.join(this.dir, `${encodeURIComponent(job.id)}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(job));
    await rename(`${file}.tmp`, file);
  }
}
