// Lambda data source of the createClip pipeline: starts the MediaPackage harvest job that copies
// the clip's range of the live origin into the clips bucket, and answers with the job id and a
// time-shifted preview URL of the origin for the same range.
import {
  CreateHarvestJobCommand,
  DescribeOriginEndpointCommand,
  MediaPackageClient,
} from '@aws-sdk/client-mediapackage';
import { harvestConfig, type HarvestConfig } from '../commons/config.ts';
import { harvestJobIdFor, manifestKeyFor } from '../commons/clips.ts';
import { HarvestStartError } from '../commons/errors.ts';
import type { StartHarvestRequest, StartHarvestResult } from './contract.ts';

interface Service {
  config: HarvestConfig;
  mediaPackage: MediaPackageClient;
  /** The origin's URL does not change while the function lives: looked up once. */
  originUrl?: Promise<string>;
}

// Built on first use, not at import, so a missing variable fails the invocation with a message
// that names it rather than the module load.
let service: Service | undefined;

function getService(): Service {
  if (!service) {
    const config = harvestConfig();
    const mediaPackage = new MediaPackageClient(config.mediaPackageEndpoint ? { endpoint: config.mediaPackageEndpoint } : {});
    service = { config, mediaPackage };
  }
  return service;
}

function originEndpointUrl(state: Service): Promise<string> {
  state.originUrl ??= state.mediaPackage
    .send(new DescribeOriginEndpointCommand({ Id: state.config.originEndpointId }))
    .then((endpoint) => {
      if (!endpoint.Url) {
        throw new Error(`origin endpoint ${state.config.originEndpointId} has no URL`);
      }
      return endpoint.Url;
    });
  return state.originUrl;
}

/** MediaPackage's time-shifted playback: the endpoint URL with start and end query parameters. */
function previewUrlFor(endpointUrl: string, startTime: string, endTime: string): string {
  const url = new URL(endpointUrl);
  url.searchParams.set('start', startTime);
  url.searchParams.set('end', endTime);
  return url.toString();
}

export async function handler(event: StartHarvestRequest): Promise<StartHarvestResult> {
  const { clip } = event;
  const state = getService();
  const { config } = state;
  try {
    const job = await state.mediaPackage.send(
      new CreateHarvestJobCommand({
        Id: harvestJobIdFor(clip),
        OriginEndpointId: config.originEndpointId,
        StartTime: clip.startTime,
        EndTime: clip.endTime,
        S3Destination: {
          BucketName: config.clipsBucket,
          ManifestKey: manifestKeyFor(clip),
          RoleArn: config.mediaPackageRoleArn,
        },
      }),
    );
    return {
      status: 'HARVESTING',
      harvestJobId: job.Id ?? harvestJobIdFor(clip),
      previewUrl: previewUrlFor(await originEndpointUrl(state), clip.startTime, clip.endTime),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarvestStartError(`MediaPackage refused the harvest job: ${reason}`, clip.clipId, { cause: error });
  }
}
