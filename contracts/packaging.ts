// The VOD outputs every clip gets: one MediaPackage-VOD packaging configuration per format, in one
// packaging group. Both homes create exactly these (infra/ with CloudFormation, the local home
// through the MediaPackage-VOD API), and the handlers map a configuration id back to its format.
// Segment and program-date-time settings are the seed's.
import type { ManifestFormat } from '../generated/schema.ts';

export const PACKAGING_GROUP_ID = 'clips';

export interface PackagingOutput {
  /** The packaging configuration's id. */
  id: string;
  format: Extract<ManifestFormat, 'HLS' | 'DASH'>;
  manifestName: string;
  segmentDurationSeconds: number;
}

export const PACKAGING_OUTPUTS: readonly PackagingOutput[] = [
  { id: 'clips-hls', format: 'HLS', manifestName: 'index', segmentDurationSeconds: 6 },
  { id: 'clips-dash', format: 'DASH', manifestName: 'index', segmentDurationSeconds: 6 },
];

/** HLS is what every player here plays: a clip is READY once its HLS output is playable. */
export const REQUIRED_FORMAT: PackagingOutput['format'] = 'HLS';

export function packagingOutput(configurationId: string): PackagingOutput | undefined {
  return PACKAGING_OUTPUTS.find((output) => output.id === configurationId);
}
