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
import { MediaPackageApiError } from '../../../local/mediapackage/index.ts';
import { VodApiError } from '../../../local/mediapackage-vod/api/errors.ts';

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
      mediaPackage: ({ method, path }) => {
        seen.push(`mediapackage ${method} ${path}`);
        return method === 'POST' && path === '/harvest_jobs'
          ? new MediaPackageApiError('TooManyRequestsException', 'Rate exceeded')
          : undefined;
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
  expect(data!.createClip.previewUrl).toContain('/out/v1/live-hls/');
  expect(seen).toContain('mediapackage POST /harvest_jobs');
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
