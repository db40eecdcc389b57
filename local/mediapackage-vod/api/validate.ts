// Request validation: every field the local service accepts, with MediaPackage-VOD's defaults
// filled in, and a clear refusal (UnprocessableEntityException) for what it cannot honour.
import { UnprocessableEntityError } from './errors.ts';
import type { DashManifest, DashPackage, HlsManifest, HlsPackage, SegmentTemplateFormat, StreamOrder, StreamSelection, Tags } from '../types.ts';

type Json = Record<string, unknown>;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const MANIFEST_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const STREAM_ORDERS: readonly StreamOrder[] = ['ORIGINAL', 'VIDEO_BITRATE_ASCENDING', 'VIDEO_BITRATE_DESCENDING'];
const AD_MARKERS: readonly HlsManifest['adMarkers'][] = ['NONE', 'SCTE35_ENHANCED', 'PASSTHROUGH'];
const TEMPLATE_FORMATS: readonly SegmentTemplateFormat[] = ['NUMBER_WITH_TIMELINE', 'TIME_WITH_TIMELINE'];
const SCTE_MARKERS_SOURCES: readonly DashManifest['scteMarkersSource'][] = ['SEGMENTS', 'MANIFEST'];

export function asObject(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnprocessableEntityError(`${field} must be an object`);
  return value as Json;
}

export function requiredString(body: Json, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new UnprocessableEntityError(`${field} is required`);
  return value;
}

export function optionalString(body: Json, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new UnprocessableEntityError(`${field} must be a string`);
  return value;
}

function optionalBoolean(body: Json, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new UnprocessableEntityError(`${field} must be a boolean`);
  return value;
}

function optionalInteger(body: Json, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new UnprocessableEntityError(`${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function resourceId(body: Json, field = 'id'): string {
  const id = requiredString(body, field);
  if (!ID_PATTERN.test(id)) throw new UnprocessableEntityError(`${field} '${id}' must be 1 to 256 letters, digits, underscores or hyphens`);
  return id;
}

export function roleArn(body: Json, field: string): string {
  const arn = requiredString(body, field);
  if (!ROLE_ARN_PATTERN.test(arn)) throw new UnprocessableEntityError(`${field} '${arn}' is not an IAM role ARN`);
  return arn;
}

export function tags(body: Json): Tags {
  const value = body.tags;
  if (value === undefined || value === null) return {};
  const object = asObject(value, 'tags');
  for (const [key, tag] of Object.entries(object)) {
    if (typeof tag !== 'string') throw new UnprocessableEntityError(`tags.${key} must be a string`);
  }
  return object as Tags;
}

function enumValue<T extends string>(body: Json, field: string, allowed: readonly T[], fallback: T): T {
  const value = body[field] ?? fallback;
  if (!allowed.includes(value as T)) throw new UnprocessableEntityError(`${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function streamSelection(value: unknown): StreamSelection {
  const body = value === undefined || value === null ? {} : asObject(value, 'streamSelection');
  const selection: StreamSelection = { streamOrder: enumValue(body, 'streamOrder', STREAM_ORDERS, 'ORIGINAL') };
  const min = optionalInteger(body, 'minVideoBitsPerSecond', 0, 2_147_483_647);
  const max = optionalInteger(body, 'maxVideoBitsPerSecond', 0, 2_147_483_647);
  if (min !== undefined) selection.minVideoBitsPerSecond = min;
  if (max !== undefined) selection.maxVideoBitsPerSecond = max;
  return selection;
}

function manifestName(body: Json): string {
  const name = optionalString(body, 'manifestName') ?? 'index';
  if (!MANIFEST_NAME_PATTERN.test(name)) throw new UnprocessableEntityError(`manifestName '${name}' must be letters, digits, underscores or hyphens`);
  return name;
}

function distinctNames(manifests: Array<{ manifestName: string }>, field: string): void {
  const names = new Set(manifests.map((manifest) => manifest.manifestName));
  if (names.size !== manifests.length) throw new UnprocessableEntityError(`${field} must have distinct manifestName values`);
}

function hlsManifest(value: unknown, index: number): HlsManifest {
  const body = asObject(value, `hlsManifests[${index}]`);
  if (optionalBoolean(body, 'includeIframeOnlyStream', false)) {
    throw new UnprocessableEntityError('includeIframeOnlyStream is not supported by the local MediaPackage-VOD (no I-frame playlists)');
  }
  return {
    adMarkers: enumValue(body, 'adMarkers', AD_MARKERS, 'NONE'),
    includeIframeOnlyStream: false,
    manifestName: manifestName(body),
    programDateTimeIntervalSeconds: optionalInteger(body, 'programDateTimeIntervalSeconds', 0, 2_147_483_647) ?? 0,
    repeatExtXKey: optionalBoolean(body, 'repeatExtXKey', false),
    streamSelection: streamSelection(body.streamSelection),
  };
}

/** An HlsPackage with AWS's defaults. Refused: encryption (it needs a SPEKE key server). */
export function hlsPackage(value: unknown): HlsPackage {
  const body = asObject(value, 'hlsPackage');
  if (body.encryption !== undefined && body.encryption !== null) {
    throw new UnprocessableEntityError('hlsPackage.encryption is not supported by the local MediaPackage-VOD (no SPEKE key server)');
  }
  const manifests = body.hlsManifests;
  if (!Array.isArray(manifests) || manifests.length === 0) throw new UnprocessableEntityError('hlsPackage.hlsManifests requires at least one manifest');
  const hlsManifests = manifests.map(hlsManifest);
  distinctNames(hlsManifests, 'hlsManifests');
  return {
    hlsManifests,
    includeDvbSubtitles: optionalBoolean(body, 'includeDvbSubtitles', false),
    segmentDurationSeconds: optionalInteger(body, 'segmentDurationSeconds', 1, 2_147_483_647) ?? 6,
    useAudioRenditionGroup: optionalBoolean(body, 'useAudioRenditionGroup', false),
  };
}

function dashManifest(value: unknown, index: number): DashManifest {
  const body = asObject(value, `dashManifests[${index}]`);
  if ((body.manifestLayout ?? 'FULL') !== 'FULL') {
    throw new UnprocessableEntityError('manifestLayout COMPACT is not supported by the local MediaPackage-VOD: its MPDs are FULL');
  }
  if ((body.profile ?? 'NONE') !== 'NONE') throw new UnprocessableEntityError('profile HBBTV_1_5 is not supported by the local MediaPackage-VOD');
  return {
    manifestLayout: 'FULL',
    manifestName: manifestName(body),
    minBufferTimeSeconds: optionalInteger(body, 'minBufferTimeSeconds', 0, 2_147_483_647) ?? 30,
    profile: 'NONE',
    scteMarkersSource: enumValue(body, 'scteMarkersSource', SCTE_MARKERS_SOURCES, 'SEGMENTS'),
    streamSelection: streamSelection(body.streamSelection),
  };
}

/**
 * A DashPackage with AWS's defaults: fragmented MP4 remuxed (not re-encoded) from the source.
 * Refused: encryption, I-frame-only adaptation sets, and keeping SPS/PPS out of the init segment.
 */
export function dashPackage(value: unknown): DashPackage {
  const body = asObject(value, 'dashPackage');
  if (body.encryption !== undefined && body.encryption !== null) {
    throw new UnprocessableEntityError('dashPackage.encryption is not supported by the local MediaPackage-VOD (no SPEKE key server)');
  }
  if (optionalBoolean(body, 'includeIframeOnlyStream', false)) {
    throw new UnprocessableEntityError('includeIframeOnlyStream is not supported by the local MediaPackage-VOD (no I-frame adaptation sets)');
  }
  if (optionalBoolean(body, 'includeEncoderConfigurationInSegments', false)) {
    throw new UnprocessableEntityError('includeEncoderConfigurationInSegments is not supported by the local MediaPackage-VOD');
  }
  const triggers = body.periodTriggers ?? [];
  if (!Array.isArray(triggers) || triggers.some((trigger) => trigger !== 'ADS')) throw new UnprocessableEntityError("periodTriggers may only contain 'ADS'");
  if (body.segmentTemplateFormat === 'NUMBER_WITH_DURATION') {
    throw new UnprocessableEntityError('segmentTemplateFormat NUMBER_WITH_DURATION is not supported by the local MediaPackage-VOD: use NUMBER_WITH_TIMELINE or TIME_WITH_TIMELINE');
  }
  const manifests = body.dashManifests;
  if (!Array.isArray(manifests) || manifests.length === 0) throw new UnprocessableEntityError('dashPackage.dashManifests requires at least one manifest');
  const dashManifests = manifests.map(dashManifest);
  distinctNames(dashManifests, 'dashManifests');
  return {
    dashManifests,
    includeEncoderConfigurationInSegments: false,
    includeIframeOnlyStream: false,
    // Harvested clips carry no SCTE-35, so an ADS trigger never starts a second period.
    periodTriggers: triggers as 'ADS'[],
    segmentDurationSeconds: optionalInteger(body, 'segmentDurationSeconds', 1, 2_147_483_647) ?? 6,
    segmentTemplateFormat: enumValue(body, 'segmentTemplateFormat', TEMPLATE_FORMATS, 'NUMBER_WITH_TIMELINE'),
  };
}
