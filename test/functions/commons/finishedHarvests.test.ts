// Both MediaPackage versions' harvest-job events, read as the clip flow needs them: which clip,
// whether it succeeded, why not, and where the harvested manifest is; jobs of no clip are left out.
import { describe, expect, it } from 'vitest';
import type { HarvestJobNotification, HarvestJobV2Notification } from '../../../contracts/events.ts';
import { finishedHarvestOf } from '../../../functions/commons/finishedHarvests.ts';

const KEY = { competition: 'final', clipId: '20260614T180000000Z-01J9ZK7Q3M5N8P2R' };
const NAME = `${KEY.competition}_${KEY.clipId}`;
const base = { version: '0' as const, id: 'e', account: '111111111111', time: '2026-06-14T18:01:00Z', region: 'us-east-1', resources: [] as string[] };

function v1(status: 'SUCCEEDED' | 'FAILED', manifestKey = `${KEY.competition}/${KEY.clipId}/index.m3u8`): HarvestJobNotification {
  return {
    ...base,
    source: 'aws.mediapackage',
    'detail-type': 'MediaPackage HarvestJob Notification',
    detail: {
      harvest_job: {
        id: NAME,
        arn: `arn:aws:mediapackage:us-east-1:111111111111:harvest_jobs/${NAME}`,
        status,
        origin_endpoint_id: 'live-hls',
        start_time: '2026-06-14T18:00:00Z',
        end_time: '2026-06-14T18:00:10Z',
        s3_destination: { bucket_name: 'clips', manifest_key: manifestKey, role_arn: 'arn:aws:iam::111111111111:role/r' },
        created_at: '2026-06-14T18:00:11Z',
      },
      ...(status === 'FAILED' ? { message: 'no content' } : {}),
    },
  };
}

function v2(status: 'COMPLETED' | 'FAILED', manifestName: string, destinationPath = `${KEY.competition}/${KEY.clipId}`): HarvestJobV2Notification {
  return {
    ...base,
    source: 'aws.mediapackagev2',
    'detail-type': 'MediaPackageV2 HarvestJob Notification',
    detail: {
      harvestJob: {
        harvestJobName: NAME,
        arn: 'arn:aws:mediapackagev2:us-east-1:111111111111:channelGroup/live/channel/live/originEndpoint/live-hls/harvestJob/x',
        status,
        channelGroupName: 'live',
        channelName: 'live',
        originEndpointName: 'live-hls',
        scheduleConfiguration: { startTime: '2026-06-14T18:00:00Z', endTime: '2026-06-14T18:00:10Z' },
        destination: { s3Destination: { bucketName: 'clips', destinationPath } },
        harvestedManifests: { hlsManifests: [{ manifestName }] },
        message: status === 'FAILED' ? 'no content' : 'Your harvest job is complete.',
      },
    },
  };
}

describe('finishedHarvestOf', () => {
  it('reads a v1 event: the clip, the outcome, the reason and the manifest key', () => {
    expect(finishedHarvestOf(v1('SUCCEEDED'))).toEqual({ key: KEY, jobName: NAME, succeeded: true, message: undefined, manifestKey: `${KEY.competition}/${KEY.clipId}/index.m3u8` });
    expect(finishedHarvestOf(v1('FAILED'))).toMatchObject({ succeeded: false, message: 'no content' });
  });

  it.each(['index', 'index.m3u8'])('reads a v2 event whose manifest is named %j, the message only on failure', (name) => {
    expect(finishedHarvestOf(v2('COMPLETED', name))).toEqual({ key: KEY, jobName: NAME, succeeded: true, message: undefined, manifestKey: `${KEY.competition}/${KEY.clipId}/index.m3u8` });
    expect(finishedHarvestOf(v2('FAILED', name))).toMatchObject({ succeeded: false, message: 'no content' });
  });

  it('leaves out jobs this project did not make for the clip', () => {
    expect(finishedHarvestOf(v1('SUCCEEDED', 'elsewhere/index.m3u8'))).toBeUndefined();
    expect(finishedHarvestOf(v2('COMPLETED', 'index', 'elsewhere'))).toBeUndefined();
  });
});
