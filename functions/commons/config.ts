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
  originEndpointId: string;
  clipsBucket: string;
  /** The role MediaPackage assumes to write the harvested clip to the clips bucket. */
  mediaPackageRoleArn: string;
}

export function harvestConfig(): HarvestConfig {
  return {
    mediaPackageEndpoint: optional('MEDIAPACKAGE_ENDPOINT'),
    originEndpointId: required('ORIGIN_ENDPOINT_ID'),
    clipsBucket: required('CLIPS_BUCKET'),
    mediaPackageRoleArn: required('MEDIAPACKAGE_ROLE_ARN'),
  };
}
