// The local home's fault hooks make a service answer as AWS may, through its real API: a test
// sees what the product does then. Here: MediaPackage throttling CreateHarvestJob, and
// MediaPackage-VOD throttling CreateAsset, each answered to the real AWS SDK client.
import { CreateAssetCommand, MediaPackageVodClient } from '@aws-sdk/client-mediapackage-vod';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateClipDocument } from '../../../generated/operations/graphql.ts';
import { graphqlRequest } from '../../../local/client/graphqlRequest.ts';
import { startLocalHome, type LocalHome } from '../../../local/home/index.ts';
import { MediaPackageV2ApiError } from '../../../local/mediapackage-v2/index.ts';
import { VodApiError } from '../../../local/mediapackage-vod/api/errors.ts';

const HARVEST_JOBS_PATH = '/channelGroup/live/channel/live/originEndpoint/live-hls/harvestJob';
let dataDir: string;
let home: LocalHome;
const seen: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'home-faults-'));
  home = await startLocalHome({
    dataDir,
    encoders: false,
    sweepIntervalMs: 'off',
    faults: {
      // The default channel is v2's (channel group live, channel live, endpoint live-hls).
      mediaPackageV2: ({ method, path }) => {
        seen.push(`mediapackagev2 ${method} ${path}`);
        return method === 'POST' && path === HARVEST_JOBS_PATH ? new MediaPackageV2ApiError('ThrottlingException', 'Rate exceeded') : undefined;
      },
      mediaPackageVod: ({ method, path }) =>
        method === 'POST' && path === '/assets' ? new VodApiError('TooManyRequestsException', 'Rate exceeded') : undefined,
    },
    log: () => {},
  });
});

afterAll(async () => {
  await home?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('keeps a clip PENDING, with its preview, while MediaPackage throttles its harvest', async () => {
  const { data, errors } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, CreateClipDocument, {
    input: { competition: 'throttled' },
  });

  expect(errors).toBeUndefined();
  expect(data!.createClip).toMatchObject({ status: 'PENDING', failureReason: null });
  expect(data!.createClip.previewUrl).toContain('/out/v1/live/live/live-hls/');
  expect(seen).toContain(`mediapackagev2 POST ${HARVEST_JOBS_PATH}`);
});

it('answers CreateAsset with the throttling error the SDK throws as TooManyRequestsException', async () => {
  const client = new MediaPackageVodClient({ endpoint: home.vod.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1 });
  try {
    await expect(
      client.send(new CreateAssetCommand({ Id: 'a', PackagingGroupId: 'clips', SourceArn: 'arn:aws:s3:::clips/a/index.m3u8', SourceRoleArn: 'arn:aws:iam::000000000000:role/r' })),
    ).rejects.toMatchObject({ name: 'TooManyRequestsException', message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
  } finally {
    client.destroy();
  }
});
