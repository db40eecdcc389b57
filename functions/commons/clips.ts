// Where a clip's files live and how its harvest job and VOD asset are named: derived from the
// clip alone, so a retried start finds the same job, and the event handlers find the clip from
// the job or the asset without a lookup table.
import { CLIP_ID_PATTERN, COMPETITION_ID_PATTERN } from '../../contracts/clipIds.ts';
import type { Clip } from '../../generated/schema.ts';

export type ClipKey = Pick<Clip, 'competition' | 'clipId'>;

const CLIP_ID = new RegExp(`^${CLIP_ID_PATTERN}$`);
const COMPETITION_PATTERN = new RegExp(`^${COMPETITION_ID_PATTERN}$`);

/** Harvest-job ids allow letters, digits, "_" and "-"; competition and clip ids keep to those. */
export function harvestJobIdFor(clip: ClipKey): string {
  return resourceIdFor(clip);
}

/** The MediaPackage-VOD asset made from the clip's harvest. */
export function assetIdFor(clip: ClipKey): string {
  return resourceIdFor(clip);
}

/** The id of the clip's trace (functions/commons/tracer.ts): the name its job and asset share. */
export function traceIdFor(clip: ClipKey): string {
  return resourceIdFor(clip);
}

/** Every file of a clip's harvest lies under this prefix of the clips bucket. */
export function clipPrefixFor(clip: ClipKey): string {
  return `${clip.competition}/${clip.clipId}/`;
}

/** Harvested clips are kept per competition: `<competition>/<clipId>/index.m3u8`. */
export function manifestKeyFor(clip: ClipKey): string {
  return `${clipPrefixFor(clip)}index.m3u8`;
}

/** The clip a harvest job or asset id names; undefined for ids this project did not make. */
export function clipKeyOf(resourceId: string): ClipKey | undefined {
  const separator = resourceId.lastIndexOf('_');
  if (separator < 1) return undefined;
  const competition = resourceId.slice(0, separator);
  const clipId = resourceId.slice(separator + 1);
  return COMPETITION_PATTERN.test(competition) && CLIP_ID.test(clipId) ? { competition, clipId } : undefined;
}

/** `arn:aws:mediapackage-vod:<region>:<account>:assets/<id>` -> `<id>`. */
export function assetIdOfArn(arn: string): string | undefined {
  const match = /:assets\/([^/]+)$/.exec(arn);
  return match?.[1];
}

/**
 * The packaging configuration id a VodAssetPlayable event names in `resources`. AWS's example
 * event writes `...:packaging_configuration/<id>`
 * (https://docs.aws.amazon.com/mediapackage/latest/ug/cloudwatch-events-example.html), the
 * configuration's own ARN is `...:packaging-configurations/<id>` (Service Authorization
 * Reference, MediaPackage VOD resource types): both are read, so neither spelling loses an output.
 */
export function packagingConfigurationIdOfArn(arn: string): string | undefined {
  const match = /^arn:[^:]+:mediapackage-vod:[^:]*:[^:]*:(?:packaging_configuration|packaging-configurations)\/([^/]+)$/.exec(arn);
  return match?.[1];
}

function resourceIdFor(clip: ClipKey): string {
  return `${clip.competition}_${clip.clipId}`;
}
