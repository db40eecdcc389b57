// The handlers' configuration travels as environment variables, as Lambda hands it over. This is
// its one definition: the variable names per service, and the builder both homes write them
// with (the CDK stack for each deployed handler, the local home for the handlers it runs in its
// own process). functions/commons/config.ts reads them back with the same names.

/** The clips table. */
export interface StoreSettings {
  clipsTable: string;
  /** The local DynamoDB server; unset on AWS, where the SDK finds the service. */
  dynamodbEndpoint?: string;
}

/**
 * The live channels: which MediaPackage origin endpoint each competition clips from, each named
 * as contracts/liveChannel.ts writes it (a v1 endpoint id or a v2 `v2:<group>/<channel>/...` path).
 */
export interface LiveSettings {
  /** The default channel's origin endpoint: every competition clips from it unless mapped. */
  originEndpointId: string;
  /** Competitions with a channel of their own: competition id -> origin endpoint. */
  competitionOriginEndpoints?: Readonly<Record<string, string>>;
  /** The local MediaPackage; unset on AWS. */
  mediaPackageEndpoint?: string;
  /** The local MediaPackage v2; unset on AWS. */
  mediaPackageV2Endpoint?: string;
}

/** MediaPackage harvest jobs of the live channels into the clips bucket. */
export interface HarvesterSettings {
  clipsBucket: string;
  /** The role MediaPackage (v1) assumes to write the harvested clip to the clips bucket. */
  mediaPackageRoleArn: string;
}

/** MediaPackage-VOD assets of harvested clips. */
export interface PackagerSettings {
  packagingGroupId: string;
  clipsBucket: string;
  /** The role MediaPackage-VOD assumes to read harvested clips from the clips bucket. */
  sourceRoleArn: string;
  /** The local MediaPackage-VOD; unset on AWS. */
  mediaPackageVodEndpoint?: string;
}

/** The harvested files of clips, which a removed clip's are deleted from. */
export interface ObjectSettings {
  clipsBucket: string;
  /** The local object store's S3 API; unset on AWS. */
  s3Endpoint?: string;
}

/** publishClipUpdate on the API, signed with the handler's own credentials. */
export interface PublishSettings {
  graphqlUrl: string;
}

export interface SweepSettings {
  /** A clip this long in HARVESTING or PACKAGING is re-checked against MediaPackage. @default 120 */
  recheckAfterSeconds?: number;
  /**
   * A clip whose step failed this many re-checks in a row, in one stay in its status, is FAILED
   * with the last error, so a service that keeps refusing (CreateAsset throttled for good) cannot
   * keep it in flight forever. @default 10
   */
  giveUpAfterFailedRechecks?: number;
}

/**
 * What Lambda's runtime sets itself (a stack may not: the names are reserved). The local home
 * sets them for the handlers it runs, with its own IAM credentials.
 */
export interface RuntimeSettings {
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

export interface HandlerSettings {
  runtime?: RuntimeSettings;
  store?: StoreSettings;
  live?: LiveSettings;
  harvester?: HarvesterSettings;
  packager?: PackagerSettings;
  objects?: ObjectSettings;
  publish?: PublishSettings;
  sweep?: SweepSettings;
}

type VariableNames<T> = { readonly [K in keyof Required<T>]: string };

export const HANDLER_VARIABLES: { readonly [G in keyof Required<HandlerSettings>]: VariableNames<Required<HandlerSettings>[G]> } = {
  runtime: { region: 'AWS_REGION', accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY', sessionToken: 'AWS_SESSION_TOKEN' },
  store: { clipsTable: 'CLIPS_TABLE', dynamodbEndpoint: 'DYNAMODB_ENDPOINT' },
  live: {
    originEndpointId: 'ORIGIN_ENDPOINT_ID',
    competitionOriginEndpoints: 'COMPETITION_ORIGIN_ENDPOINTS',
    mediaPackageEndpoint: 'MEDIAPACKAGE_ENDPOINT',
    mediaPackageV2Endpoint: 'MEDIAPACKAGEV2_ENDPOINT',
  },
  harvester: { clipsBucket: 'CLIPS_BUCKET', mediaPackageRoleArn: 'MEDIAPACKAGE_ROLE_ARN' },
  packager: {
    packagingGroupId: 'PACKAGING_GROUP_ID',
    clipsBucket: 'CLIPS_BUCKET',
    sourceRoleArn: 'MEDIAPACKAGE_VOD_ROLE_ARN',
    mediaPackageVodEndpoint: 'MEDIAPACKAGE_VOD_ENDPOINT',
  },
  objects: { clipsBucket: 'CLIPS_BUCKET', s3Endpoint: 'S3_ENDPOINT' },
  publish: { graphqlUrl: 'APPSYNC_GRAPHQL_URL' },
  sweep: { recheckAfterSeconds: 'SWEEP_RECHECK_AFTER_SECONDS', giveUpAfterFailedRechecks: 'SWEEP_GIVE_UP_AFTER_FAILED_RECHECKS' },
};

/** Variables as a handler reads them: `process.env` on Lambda, a built record in the local home. */
export type HandlerEnvironment = Readonly<Record<string, string | undefined>>;

/** The variables of every service `settings` names; unset optional settings are left out. */
export function handlerEnvironment(settings: HandlerSettings): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [group, values] of Object.entries(settings) as Array<[keyof HandlerSettings, object | undefined]>) {
    if (values === undefined) continue;
    const names: Record<string, string> = HANDLER_VARIABLES[group];
    for (const [setting, value] of Object.entries(values) as Array<[string, unknown]>) {
      const name = names[setting];
      if (name === undefined || value === undefined) continue;
      // CloudFormation tokens are strings too: only the competition map needs encoding.
      variables[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  return variables;
}
