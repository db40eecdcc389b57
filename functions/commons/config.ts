// Handlers read every endpoint and name from their environment, so the same code runs on AWS
// (variables set by infra/) and in the local home (a record it builds); the names and the
// builder are contracts/handlerEnvironment.ts.
import {
  HANDLER_VARIABLES,
  type HandlerEnvironment,
  type HarvesterSettings,
  type ObjectSettings,
  type PackagerSettings,
  type PublishSettings,
  type RuntimeSettings,
  type StoreSettings,
  type SweepSettings,
} from '../../contracts/handlerEnvironment.ts';
import { parseChannelRef, type LiveChannelRef } from '../../contracts/liveChannel.ts';
import { ConfigurationError } from './errors.ts';

function optional(env: HandlerEnvironment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function required(env: HandlerEnvironment, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigurationError(name, 'is not set');
  return value;
}

export interface LiveConfig {
  defaultChannel: LiveChannelRef;
  /** Competitions with a channel of their own. */
  competitionChannels: Readonly<Record<string, LiveChannelRef>>;
  mediaPackageEndpoint?: string | undefined;
  mediaPackageV2Endpoint?: string | undefined;
}

const CHANNEL_FORMS = 'a MediaPackage origin endpoint id (e.g. arena-2-hls) or a v2 origin endpoint path (v2:<channel group>/<channel>/<origin endpoint>/<manifest>)';

function channelRef(name: string, text: string): LiveChannelRef {
  const ref = parseChannelRef(text);
  if (!ref) throw new ConfigurationError(name, `must be ${CHANNEL_FORMS}, not ${text}`);
  return ref;
}

function competitionChannels(env: HandlerEnvironment): Record<string, LiveChannelRef> {
  const name = HANDLER_VARIABLES.live.competitionOriginEndpoints;
  const raw = optional(env, name);
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
    throw new ConfigurationError(name, `must be a JSON object of competition ids to origin endpoints, e.g. {"final":"arena-2-hls"}, not ${raw}`);
  }
  return Object.fromEntries(Object.entries(parsed as Record<string, string>).map(([competition, text]) => [competition, channelRef(`${name} (${competition})`, text)]));
}

/** Which live channel a competition's clips are harvested from. */
export function channelFor(config: LiveConfig, competition: string): LiveChannelRef {
  return config.competitionChannels[competition] ?? config.defaultChannel;
}

export function liveConfig(env: HandlerEnvironment): LiveConfig {
  const names = HANDLER_VARIABLES.live;
  return {
    mediaPackageEndpoint: optional(env, names.mediaPackageEndpoint),
    mediaPackageV2Endpoint: optional(env, names.mediaPackageV2Endpoint),
    defaultChannel: channelRef(names.originEndpointId, required(env, names.originEndpointId)),
    competitionChannels: competitionChannels(env),
  };
}

export function harvestConfig(env: HandlerEnvironment): HarvesterSettings {
  const names = HANDLER_VARIABLES.harvester;
  return { clipsBucket: required(env, names.clipsBucket), mediaPackageRoleArn: required(env, names.mediaPackageRoleArn) };
}

export function clipStoreConfig(env: HandlerEnvironment): StoreSettings {
  const names = HANDLER_VARIABLES.store;
  return { dynamodbEndpoint: optional(env, names.dynamodbEndpoint), clipsTable: required(env, names.clipsTable) };
}

export function packagingConfig(env: HandlerEnvironment): PackagerSettings {
  const names = HANDLER_VARIABLES.packager;
  return {
    mediaPackageVodEndpoint: optional(env, names.mediaPackageVodEndpoint),
    packagingGroupId: required(env, names.packagingGroupId),
    clipsBucket: required(env, names.clipsBucket),
    sourceRoleArn: required(env, names.sourceRoleArn),
  };
}

export function objectsConfig(env: HandlerEnvironment): ObjectSettings {
  const names = HANDLER_VARIABLES.objects;
  return { clipsBucket: required(env, names.clipsBucket), s3Endpoint: optional(env, names.s3Endpoint) };
}

export function publishConfig(env: HandlerEnvironment): PublishSettings {
  return { graphqlUrl: required(env, HANDLER_VARIABLES.publish.graphqlUrl) };
}

/** The region and credentials SDK clients use; the SDK's own chain finds what is not set. */
export interface ClientConfig {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function clientConfig(env: HandlerEnvironment): ClientConfig {
  const names = HANDLER_VARIABLES.runtime;
  const region = optional(env, names.region);
  const accessKeyId = optional(env, names.accessKeyId);
  const secretAccessKey = optional(env, names.secretAccessKey);
  const sessionToken = optional(env, names.sessionToken);
  // On Lambda these are the execution role's credentials, which the SDK's chain would read from
  // the same variables; the local home puts its own IAM user's there.
  const credentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined;
  return { ...(region ? { region } : {}), ...(credentials ? { credentials } : {}) };
}

/** Signing names the region: Lambda always sets it. */
export function signingRegion(env: HandlerEnvironment): RuntimeSettings['region'] {
  return required(env, HANDLER_VARIABLES.runtime.region);
}

const DEFAULT_RECHECK_AFTER_SECONDS = 120;
// With the sweep every minute (infra/constructs/ClipEvents.ts), a clip whose step keeps failing
// is FAILED about 10 minutes after the sweeper first re-checked it.
const DEFAULT_GIVE_UP_AFTER_FAILED_RECHECKS = 10;

function numberSetting(env: HandlerEnvironment, name: string, fallback: number, rule: { min: number; integer?: boolean; unit: string }): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
    throw new ConfigurationError(name, `must be ${rule.integer ? 'a whole number' : 'a number'} of ${rule.unit} >= ${rule.min}, not "${raw}"`);
  }
  return value;
}

export function sweepConfig(env: HandlerEnvironment): Required<SweepSettings> {
  const names = HANDLER_VARIABLES.sweep;
  return {
    recheckAfterSeconds: numberSetting(env, names.recheckAfterSeconds, DEFAULT_RECHECK_AFTER_SECONDS, { min: 0, unit: 'seconds' }),
    giveUpAfterFailedRechecks: numberSetting(env, names.giveUpAfterFailedRechecks, DEFAULT_GIVE_UP_AFTER_FAILED_RECHECKS, {
      min: 1,
      integer: true,
      unit: 're-checks',
    }),
  };
}
