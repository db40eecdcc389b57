// Lambda data source of the createClip pipeline: starts the MediaPackage harvest job that copies
// the clip's range of the live origin into the clips bucket, and answers with the job id and a
// time-shifted preview URL of the origin for the same range.
import {
  CreateHarvestJobCommand,
  DescribeOriginEndpointCommand,
  MediaPackageClient,
} from '@aws-sdk/client-mediapackage';
import { harvestConfig } from '../commons/config.ts';
import { harvestJobIdFor, manifestKeyFor } from '../commons/clips.ts';
import { HarvestStartError } from '../commons/errors.ts';
import type { StartHarvestRequest, StartHarvestResult } from './contract.ts';

const config = harvestConfig();
const mediaPackage = new MediaPackageClient(
  config.mediaPackageEndpoint ? { endpoint: config.mediaPackageEndpoint } : {},
);
// The origin's URL does not change while the function lives: look it up once.
let originUrl: Promise<string> | undefined;

function originEndpointUrl(): Promise<string> {
  originUrl ??= mediaPackage
    .send(new DescribeOriginEndpointCommand({ Id: config.originEndpointId }))
    .then((endpoint) => {
      if (!endpoint.Url) {
        throw new Error(`origin endpoint ${config.originEndpointId} has no URL`);
      }
      return endpoint.Url;
    });
  return originUrl;
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
  try {
    const job = await mediaPackage.send(
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
      previewUrl: previewUrlFor(await originEndpointUrl(), clip.startTime, clip.endTime),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarvestStartError(`MediaPackage refused the harvest job: ${reason}`, clip.clipId, { cause: error });
  }
}
