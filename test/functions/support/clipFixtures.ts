// Clips as the createClip pipeline leaves them, and MediaPackage's harvest-job events about them,
// for suites that drive the event handlers directly.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { harvestJobIdFor, manifestKeyFor } from '../../../functions/commons/clips.ts';
import type { StoredClip } from '../../../functions/commons/clipStore.ts';
import type { HarvestJobNotification } from '../../../contracts/events.ts';
import { putHarvestedSource } from '../../local/mediapackage-vod/harvested-source.ts';
import { BUCKET, LOCAL_CREDENTIALS, REGION, type ClipFlowHome } from './clipFlowHome.ts';
import { until } from './until.ts';

export interface ClipFixtures {
  /** A clip as createClip leaves it once its harvest job runs; with a harvested source unless told not. */
  harvestingClip(competition: string, options?: { harvested?: boolean }): Promise<StoredClip>;
  /** A clip harvested and packaged through the real handlers, READY with HLS and DASH. */
  readyClip(competition: string): Promise<StoredClip>;
  destroy(): void;
}

export function clipFixtures(home: ClipFlowHome): ClipFixtures {
  const dynamodb = new DynamoDBClient({ endpoint: home.dynamodbEndpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  let clipCounter = 0;
  const fixtures: ClipFixtures = {
    async harvestingClip(competition, options = {}) {
      clipCounter += 1;
      const start = new Date(Date.now() - 60_000 + clipCounter);
      const compact = start.toISOString().replace(/[-:.]/g, '').replace(/(\d{3})Z$/, '$1Z');
      const clip: StoredClip = {
        competition,
        clipId: `${compact}-${String(clipCounter).padStart(16, '0')}`,
        status: 'HARVESTING',
        startTime: start.toISOString(),
        endTime: new Date(start.getTime() + 12_000).toISOString(),
        durationSeconds: 12,
        title: `${competition} clip ${clipCounter}`,
        manifests: [],
        previewUrl: 'http://127.0.0.1:9/out/v1/live-hls/index.m3u8',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      };
      await dynamodb.send(
        new PutItemCommand({
          TableName: 'clips',
          Item: marshall({ ...clip, harvestJobId: harvestJobIdFor(clip), inFlightStatus: 'HARVESTING', inFlightSince: clip.updatedAt }),
        }),
      );
      if (options.harvested !== false) await putHarvestedSource(home.objectStore, BUCKET, `${competition}/${clip.clipId}`);
      return clip;
    },
    async readyClip(competition) {
      const clip = await fixtures.harvestingClip(competition);
      await home.handlers().packageClip(harvestEvent(clip, 'SUCCEEDED'));
      await until(() => home.store.get(clip), (stored) => stored?.status === 'READY' && (stored.manifests?.length ?? 0) >= 2);
      await home.bus.idle();
      return clip;
    },
    destroy: () => dynamodb.destroy(),
  };
  return fixtures;
}

export function harvestEvent(clip: StoredClip, status: 'SUCCEEDED' | 'FAILED', message?: string): HarvestJobNotification {
  const id = harvestJobIdFor(clip);
  return {
    version: '0',
    id: `event-${id}-${status}`,
    'detail-type': 'MediaPackage HarvestJob Notification',
    source: 'aws.mediapackage',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:mediapackage:${REGION}:000000000000:harvest_jobs/${id}`],
    detail: {
      harvest_job: {
        id,
        arn: `arn:aws:mediapackage:${REGION}:000000000000:harvest_jobs/${id}`,
        status,
        origin_endpoint_id: 'live-hls',
        start_time: clip.startTime,
        end_time: clip.endTime,
        s3_destination: { bucket_name: BUCKET, manifest_key: manifestKeyFor(clip), role_arn: 'arn:aws:iam::000000000000:role/MediaPackageHarvest' },
        created_at: clip.createdAt,
      },
      ...(message === undefined ? {} : { message }),
    },
  };
}
