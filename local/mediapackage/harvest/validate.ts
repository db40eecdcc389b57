import { InvalidObjectNameError, type ObjectStore } from '../../objectstore/index.ts';
import { MediaPackageApiError, UnprocessableEntityError } from '../api/errors.ts';
import type { ChannelArchive } from '../archive.ts';
import { InvalidTimeError, isoTime, parseTime } from '../timeline.ts';
import type { HarvestJobStore } from './jobs.ts';

export interface CreateHarvestJobRequest {
  id: string;
  originEndpointId: string;
  startMs: number;
  endMs: number;
  startTime: string;
  endTime: string;
  s3Destination: { bucketName: string; manifestKey: string; roleArn: string };
}

export interface HarvestRules {
  jobs: HarvestJobStore;
  objectStore: ObjectStore;
  /** The archive behind an origin endpoint id, if the endpoint exists. */
  archiveOf: (originEndpointId: string) => ChannelArchive | undefined;
  startoverWindowSeconds: number;
  harvestQuota: number;
  now: number;
}

const MAX_HARVEST_MS = 24 * 60 * 60 * 1000;
// Clients compute "now" and then call: tolerate that much clock skew on "EndTime in the past".
const CLOCK_SKEW_MS = 1_000;

function requiredString(body: Record<string, unknown>, field: string, wireName: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new UnprocessableEntityError(`${wireName} is required`);
  return value;
}

function parseOrRefuse(field: string, value: string): number {
  try {
    return parseTime(field, value);
  } catch (error) {
    if (error instanceof InvalidTimeError) throw new UnprocessableEntityError(error.message);
    throw error;
  }
}

/** Checks a CreateHarvestJob body against MediaPackage's rules; throws the error MediaPackage returns. */
export function validateCreateHarvestJob(body: unknown, rules: HarvestRules): CreateHarvestJobRequest {
  if (typeof body !== 'object' || body === null) throw new UnprocessableEntityError('The request body must be a JSON object');
  const input = body as Record<string, unknown>;
  const id = requiredString(input, 'id', 'Id');
  const originEndpointId = requiredString(input, 'originEndpointId', 'OriginEndpointId');
  const rawStart = requiredString(input, 'startTime', 'StartTime');
  const rawEnd = requiredString(input, 'endTime', 'EndTime');
  const destination = (input.s3Destination ?? {}) as Record<string, unknown>;
  if (typeof input.s3Destination !== 'object' || input.s3Destination === null) throw new UnprocessableEntityError('S3Destination is required');
  const s3Destination = {
    bucketName: requiredString(destination, 'bucketName', 'S3Destination.BucketName'),
    manifestKey: requiredString(destination, 'manifestKey', 'S3Destination.ManifestKey'),
    roleArn: requiredString(destination, 'roleArn', 'S3Destination.RoleArn'),
  };
  try {
    rules.objectStore.pathOf(s3Destination.bucketName, s3Destination.manifestKey);
  } catch (error) {
    if (error instanceof InvalidObjectNameError) throw new UnprocessableEntityError(`Invalid S3Destination: ${error.message}`);
    throw error;
  }

  const archive = rules.archiveOf(originEndpointId);
  if (!archive) throw new UnprocessableEntityError(`OriginEndpoint ${originEndpointId} does not exist`);
  if (rules.jobs.get(id)) throw new UnprocessableEntityError(`A HarvestJob with Id ${id} already exists`);

  const startMs = parseOrRefuse('StartTime', rawStart);
  const endMs = parseOrRefuse('EndTime', rawEnd);
  if (startMs >= endMs) throw new UnprocessableEntityError('StartTime must be before EndTime');
  if (endMs - startMs > MAX_HARVEST_MS) throw new UnprocessableEntityError('The time window of a HarvestJob cannot exceed 24 hours');
  if (endMs > rules.now + CLOCK_SKEW_MS) throw new UnprocessableEntityError(`EndTime ${isoTime(endMs)} must be in the past`);
  const windowStart = rules.now - rules.startoverWindowSeconds * 1000;
  if (startMs < windowStart) {
    throw new UnprocessableEntityError(
      `StartTime ${isoTime(startMs)} is outside the startover window of OriginEndpoint ${originEndpointId} (${rules.startoverWindowSeconds} s, from ${isoTime(windowStart)})`,
    );
  }
  const earliest = archive.earliestMs();
  if (earliest === undefined || startMs < earliest) {
    throw new UnprocessableEntityError(
      earliest === undefined
        ? `OriginEndpoint ${originEndpointId} has received no content yet`
        : `StartTime ${isoTime(startMs)} is before the earliest content of OriginEndpoint ${originEndpointId} (${isoTime(earliest)})`,
    );
  }
  if (rules.jobs.countInProgress() >= rules.harvestQuota) {
    throw new MediaPackageApiError(
      'TooManyRequestsException',
      `Limit of ${rules.harvestQuota} HarvestJobs in progress reached; retry when one finishes`,
    );
  }
  return { id, originEndpointId, startMs, endMs, startTime: isoTime(startMs), endTime: isoTime(endMs), s3Destination };
}
