// CreateHarvestJob's request checked against MediaPackage v2's rules: the model's members
// (CreateHarvestJobRequest in @aws-sdk/client-mediapackagev2) and the documented limits.
import { InvalidObjectNameError, type ObjectStore } from '../../objectstore/index.ts';
import { isoSeconds } from '../../mediapackage/index.ts';
import { ValidationError } from '../api/errors.ts';
import {
  arrayMember,
  isObject,
  objectMember,
  requiredTimestampMs,
  requiredObject,
  requiredString,
  resourceName,
  stringMember,
  tagsMember,
} from '../api/fields.ts';
import type { OriginEndpoint } from '../resources.ts';
import { manifestKeyOf } from './runner.ts';

export interface HarvestJobRequest {
  harvestJobName: string | undefined;
  description: string | undefined;
  /** The origin endpoint's HLS manifest names to harvest. */
  hlsManifests: string[];
  startMs: number;
  endMs: number;
  bucketName: string;
  destinationPath: string;
  tags: Record<string, string>;
}

// "Your harvested live-to-VOD asset can have a maximum duration of 24 hours" (MediaPackage user
// guide, harvest job basic details); the v2 model names the refusal INVALID_HARVEST_JOB_DURATION.
const MAX_DURATION_MS = 24 * 60 * 60 * 1000;
// Clients compute "now" and then call: tolerate that much clock skew on "StartTime in the past".
const CLOCK_SKEW_MS = 1_000;

function manifestNames(manifests: Record<string, unknown>, field: string): string[] {
  return arrayMember(manifests, field, `HarvestedManifests.${field}`).map((entry, index) => {
    const path = `HarvestedManifests.${field}[${index}].ManifestName`;
    if (!isObject(entry)) throw new ValidationError('MEMBER_INVALID', `HarvestedManifests.${field}[${index}] must be an object`);
    return requiredString(entry, 'ManifestName', path);
  });
}

function readManifests(body: Record<string, unknown>, endpoint: OriginEndpoint): string[] {
  const manifests = requiredObject(body, 'HarvestedManifests');
  const hls = manifestNames(manifests, 'HlsManifests');
  const others = [...manifestNames(manifests, 'DashManifests'), ...manifestNames(manifests, 'LowLatencyHlsManifests')];
  if (hls.length + others.length === 0) throw new ValidationError('NUM_MANIFESTS_LOW', 'HarvestedManifests must name at least one manifest');
  // Local endpoints have HLS manifests only, so any other kind is not on the endpoint.
  const known = new Set(endpoint.hlsManifests.map((manifest) => manifest.manifestName));
  const missing = [...hls.filter((name) => !known.has(name)), ...others];
  if (missing.length > 0) {
    throw new ValidationError(
      'HARVESTED_MANIFEST_NOT_FOUND_ON_ENDPOINT',
      `HarvestedManifests: ${missing.join(', ')} not found on OriginEndpoint ${endpoint.originEndpointName}`,
    );
  }
  return hls;
}

function readDestination(body: Record<string, unknown>, objectStore: ObjectStore): { bucketName: string; destinationPath: string } {
  const incomplete = (detail: string) => new ValidationError('HARVEST_JOB_S3_DESTINATION_MISSING_OR_INCOMPLETE', `Destination.S3Destination.${detail}`);
  const s3 = objectMember(objectMember(body, 'Destination') ?? {}, 'S3Destination', 'Destination.S3Destination');
  if (!s3) throw incomplete('BucketName and DestinationPath are required');
  const bucketName = stringMember(s3, 'BucketName', 'Destination.S3Destination.BucketName');
  const destinationPath = stringMember(s3, 'DestinationPath', 'Destination.S3Destination.DestinationPath');
  if (!bucketName) throw incomplete('BucketName is required');
  if (destinationPath === undefined) throw incomplete('DestinationPath is required');
  try {
    objectStore.pathOf(bucketName, manifestKeyOf(destinationPath, 'index'));
  } catch (error) {
    if (error instanceof InvalidObjectNameError) throw incomplete(`is invalid: ${error.message}`);
    throw error;
  }
  return { bucketName, destinationPath };
}

function readSchedule(body: Record<string, unknown>, endpoint: OriginEndpoint, now: number): { startMs: number; endMs: number } {
  const schedule = requiredObject(body, 'ScheduleConfiguration');
  const startMs = requiredTimestampMs(schedule, 'StartTime', 'ScheduleConfiguration.StartTime');
  const endMs = requiredTimestampMs(schedule, 'EndTime', 'ScheduleConfiguration.EndTime');
  if (endMs <= startMs) throw new ValidationError('END_TIME_EARLIER_THAN_START_TIME', 'ScheduleConfiguration.EndTime must be after StartTime');
  if (endMs - startMs > MAX_DURATION_MS) {
    throw new ValidationError('INVALID_HARVEST_JOB_DURATION', 'ScheduleConfiguration: a harvest job cannot last more than 24 hours');
  }
  if (startMs > now + CLOCK_SKEW_MS) {
    throw new ValidationError('MEMBER_INVALID', `ScheduleConfiguration.StartTime ${isoSeconds(startMs)} must be in the past`);
  }
  // "Your harvest job must fall within your MediaPackage endpoint's startover window" (user guide).
  const windowMs = (endpoint.startoverWindowSeconds ?? 0) * 1000;
  if (startMs < now - windowMs) {
    throw new ValidationError(
      'MEMBER_INVALID',
      `ScheduleConfiguration.StartTime ${isoSeconds(startMs)} is outside the startover window of OriginEndpoint ${endpoint.originEndpointName} (${endpoint.startoverWindowSeconds ?? 0} s)`,
    );
  }
  return { startMs, endMs };
}

/** Throws the ValidationException MediaPackage v2 answers a refused CreateHarvestJob body with. */
export function validateCreateHarvestJob(body: Record<string, unknown>, endpoint: OriginEndpoint, objectStore: ObjectStore, now: number): HarvestJobRequest {
  const name = stringMember(body, 'HarvestJobName');
  return {
    harvestJobName: name === undefined ? undefined : resourceName(name, 'HarvestJobName'),
    description: stringMember(body, 'Description'),
    hlsManifests: readManifests(body, endpoint),
    ...readSchedule(body, endpoint, now),
    ...readDestination(body, objectStore),
    tags: tagsMember(body, 'Tags'),
  };
}
