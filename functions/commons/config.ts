// Handlers read every endpoint and name from the environment, so the same code runs on AWS
// (values set by infra/) and in the local home (values set by local/start.ts).
import { ConfigurationError } from './errors.ts';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(name, 'is not set');
  }
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export interface HarvestConfig {
  /** Set only in the local home: the local MediaPackage's URL. On AWS the SDK finds the service. */
  mediaPackageEndpoint: string | undefined;
  /** The default channel's origin endpoint: every competition clips from it unless mapped. */
  originEndpointId: string;
  /** Competitions that clip from another channel: competition id -> origin endpoint id. */
  competitionOriginEndpoints: Readonly<Record<string, string>>;
  clipsBucket: string;
  /** The role MediaPackage assumes to write the harvested clip to the clips bucket. */
  mediaPackageRoleArn: string;
}

const COMPETITION_ORIGIN_ENDPOINTS = 'COMPETITION_ORIGIN_ENDPOINTS';

function competitionOriginEndpoints(): Record<string, string> {
  const raw = optional(COMPETITION_ORIGIN_ENDPOINTS);
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const isMap =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((value) => typeof value === 'string');
  if (!isMap) {
    throw new ConfigurationError(COMPETITION_ORIGIN_ENDPOINTS, `must be a JSON object of competition ids to origin endpoint ids, e.g. {"final":"arena-2-hls"}, not ${raw}`);
  }
  return parsed as Record<string, string>;
}

/** Which origin endpoint a competition's clips are harvested from. */
export function originEndpointFor(config: HarvestConfig, competition: string): string {
  return config.competitionOriginEndpoints[competition] ?? config.originEndpointId;
}

export function harvestConfig(): HarvestConfig {
  return {
    mediaPackageEndpoint: optional('MEDIAPACKAGE_ENDPOINT'),
    originEndpointId: required('ORIGIN_ENDPOINT_ID'),
    competitionOriginEndpoints: competitionOriginEndpoints(),
    clipsBucket: required('CLIPS_BUCKET'),
    mediaPackageRoleArn: required('MEDIAPACKAGE_ROLE_ARN'),
  };
}

export interface ClipStoreConfig {
  /** Set only in the local home: the local DynamoDB server's URL. */
  dynamodbEndpoint: string | undefined;
  clipsTable: string;
}

export function clipStoreConfig(): ClipStoreConfig {
  return { dynamodbEndpoint: optional('DYNAMODB_ENDPOINT'), clipsTable: required('CLIPS_TABLE') };
}

export interface PackagingConfig {
  /** Set only in the local home: the local MediaPackage-VOD's URL. */
  mediaPackageVodEndpoint: string | undefined;
  packagingGroupId: string;
  clipsBucket: string;
  /** The role MediaPackage-VOD assumes to read harvested clips from the clips bucket. */
  sourceRoleArn: string;
}

export function packagingConfig(): PackagingConfig {
  return {
    mediaPackageVodEndpoint: optional('MEDIAPACKAGE_VOD_ENDPOINT'),
    packagingGroupId: required('PACKAGING_GROUP_ID'),
    clipsBucket: required('CLIPS_BUCKET'),
    sourceRoleArn: required('MEDIAPACKAGE_VOD_ROLE_ARN'),
  };
}

export interface PublishConfig {
  graphqlUrl: string;
  /** Lambda sets AWS_REGION; the signature names it. */
  region: string;
}

export function publishConfig(): PublishConfig {
  return { graphqlUrl: required('APPSYNC_GRAPHQL_URL'), region: required('AWS_REGION') };
}

export interface SweepConfig {
  /** A clip this long in HARVESTING or PACKAGING is re-checked against MediaPackage. */
  recheckAfterSeconds: number;
}

const DEFAULT_RECHECK_AFTER_SECONDS = 120;

export function sweepConfig(): SweepConfig {
  const raw = optional('SWEEP_RECHECK_AFTER_SECONDS');
  if (raw === undefined) return { recheckAfterSeconds: DEFAULT_RECHECK_AFTER_SECONDS };
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ConfigurationError('SWEEP_RECHECK_AFTER_SECONDS', `must be a number of seconds >= 0, not "${raw}"`);
  }
  return { recheckAfterSeconds: seconds };
}
