// CreateOriginEndpoint's body checked against the model (CreateOriginEndpointRequest) and the
// documented limits; locally an endpoint packages TS segments behind HLS manifests only.
import type { HlsManifest, OriginEndpoint } from '../resources.ts';
import { ValidationError } from './errors.ts';
import { arrayMember, integerMember, isObject, objectMember, requiredString, resourceName, stringMember } from './fields.ts';

export type OriginEndpointRequest = Pick<
  OriginEndpoint,
  'originEndpointName' | 'containerType' | 'startoverWindowSeconds' | 'segment' | 'hlsManifests'
>;

// "The maximum startover window is 1,209,600 seconds (14 days)" (CreateOriginEndpointRequest);
// the API reference gives 60 as its minimum.
const STARTOVER_WINDOW = { min: 60, max: 1_209_600 };
// "The maximum manifest window is 900 seconds (15 minutes)" (user guide, manifest fields).
const MANIFEST_WINDOW = { min: 30, max: 900 };
const DEFAULT_MANIFEST_WINDOW_SECONDS = 60;
const SEGMENT_DURATION = { min: 1, max: 30 };
// "Supported characters are A-Z, a-z, 0-9, and - (hyphen). You can't use underscores in the name"
// (user guide, manifest fields): `<name>_<n>.m3u8` stays unambiguous.
const MANIFEST_NAME = /^[A-Za-z0-9-]{1,256}$/;

function hlsManifest(entry: unknown, index: number): HlsManifest {
  const path = `HlsManifests[${index}]`;
  if (!isObject(entry)) throw new ValidationError('MEMBER_INVALID', `${path} must be an object`);
  const manifestName = requiredString(entry, 'ManifestName', `${path}.ManifestName`);
  if (!MANIFEST_NAME.test(manifestName)) {
    throw new ValidationError('MEMBER_DOES_NOT_MATCH_PATTERN', `${path}.ManifestName must be letters, digits or '-'`);
  }
  return {
    manifestName,
    childManifestName: stringMember(entry, 'ChildManifestName', `${path}.ChildManifestName`),
    manifestWindowSeconds: integerMember(entry, 'ManifestWindowSeconds', MANIFEST_WINDOW, `${path}.ManifestWindowSeconds`) ?? DEFAULT_MANIFEST_WINDOW_SECONDS,
    programDateTimeIntervalSeconds: integerMember(entry, 'ProgramDateTimeIntervalSeconds', { min: 1, max: 1_209_600 }, `${path}.ProgramDateTimeIntervalSeconds`),
  };
}

export function readOriginEndpointRequest(body: Record<string, unknown>): OriginEndpointRequest {
  const originEndpointName = resourceName(requiredString(body, 'OriginEndpointName'), 'OriginEndpointName');
  const containerType = requiredString(body, 'ContainerType');
  if (containerType !== 'TS' && containerType !== 'CMAF') throw new ValidationError('MEMBER_INVALID_ENUM_VALUE', 'ContainerType must be TS or CMAF');
  if (containerType === 'CMAF') throw new ValidationError('MEMBER_INVALID_ENUM_VALUE', 'ContainerType CMAF is not emulated locally; use TS');
  if (arrayMember(body, 'DashManifests').length > 0) {
    throw new ValidationError('TS_CONTAINER_TYPE_WITH_DASH_MANIFEST', 'DashManifests need ContainerType CMAF');
  }
  if (arrayMember(body, 'LowLatencyHlsManifests').length > 0) {
    throw new ValidationError('MEMBER_INVALID', 'LowLatencyHlsManifests are not emulated locally; use HlsManifests');
  }
  const hlsManifests = arrayMember(body, 'HlsManifests').map(hlsManifest);
  if (hlsManifests.length === 0) throw new ValidationError('NUM_MANIFESTS_LOW', 'HlsManifests must hold at least one manifest');
  const names = hlsManifests.map((manifest) => manifest.manifestName);
  if (new Set(names).size !== names.length) throw new ValidationError('MANIFEST_NAME_COLLISION', 'HlsManifests have the same ManifestName twice');
  const segment = objectMember(body, 'Segment') ?? {};
  return {
    originEndpointName,
    containerType,
    startoverWindowSeconds: integerMember(body, 'StartoverWindowSeconds', STARTOVER_WINDOW),
    segment: {
      segmentDurationSeconds: integerMember(segment, 'SegmentDurationSeconds', SEGMENT_DURATION, 'Segment.SegmentDurationSeconds') ?? 6,
      segmentName: stringMember(segment, 'SegmentName', 'Segment.SegmentName') ?? 'segment',
    },
    hlsManifests,
  };
}
