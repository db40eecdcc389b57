// The real local AppSync engine over the project's schema and resolver files, with the clips table
// on a real DynamoDB-compatible server (dynalite). The stand-ins are the Lambda data sources:
// starting a harvest needs the MediaPackage emulator, which is not what these suites test, so it
// refuses, and createClip records the clip as FAILED with that reason, as it does on AWS; the
// removal of a deleted clip's asset and files answers done (deleteClip's tombstone is written
// before it, in the table), the competitions list (configured channels) is empty, and every
// channel is a v1 one; no clip can be cancelled (cancelClip answers not found).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clipTableDefinition } from '../../../../contracts/clipTable.ts';
import type { CancelClipResult } from '../../../../contracts/cancelClip.ts';
import type { ListCompetitionsResult } from '../../../../contracts/competitions.ts';
import type { DescribeLiveChannelRequest, DescribeLiveChannelResult } from '../../../../contracts/describeLiveChannel.ts';
import { createEngine, type Engine } from '../../../../local/appsync/engine/index.ts';
import { ensureTable, startDynamoDB } from '../../../../local/dynamodb/index.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
export const HARVEST_REFUSAL = 'no MediaPackage in the network-layer tests';

export interface RealEngine {
  engine: Engine;
  stop(): Promise<void>;
}

export async function startRealEngine(): Promise<RealEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'appsync-engine-'));
  const dynamodb = await startDynamoDB({ dataDir, log: () => {} });
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, clipTableDefinition('clips'));
  const engine = await createEngine({
    schemaPaths: [root('schema/appsync-prelude.graphql'), root('schema/schema.graphql')],
    resolversDir: root('resolvers'),
    dataSources: {
      clips: { type: 'AMAZON_DYNAMODB', tableName: 'clips', client },
      startHarvest: {
        type: 'AWS_LAMBDA',
        handler: async () => {
          throw new Error(HARVEST_REFUSAL);
        },
      },
      removeClip: { type: 'AWS_LAMBDA', handler: async () => ({ outcome: 'removed' }) },
      listCompetitions: { type: 'AWS_LAMBDA', handler: async (): Promise<ListCompetitionsResult> => ({ competitions: [] }) },
      cancelClip: { type: 'AWS_LAMBDA', handler: async (): Promise<CancelClipResult> => ({ outcome: 'not-found' }) },
      describeLiveChannel: {
        type: 'AWS_LAMBDA',
        handler: async (request): Promise<DescribeLiveChannelResult> => ({ ...(request as DescribeLiveChannelRequest), version: 'v1' }),
      },
    },
    defaultAuthType: 'AMAZON_COGNITO_USER_POOLS',
    log: () => {},
  });
  return {
    engine,
    async stop() {
      client.destroy();
      await dynamodb.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A whole clip as the backend publishes it through the IAM-only publishClipUpdate mutation. */
export function publishedClip(competition: string, clipId: string, status: string) {
  const at = '2026-01-01T10:00:00.000Z';
  return {
    competition,
    clipId,
    status,
    startTime: at,
    endTime: '2026-01-01T10:01:00.000Z',
    durationSeconds: 60,
    title: `Clip ${clipId}`,
    manifests: status === 'READY' ? [{ format: 'HLS', url: `https://vod.localhost/${clipId}/index.m3u8` }] : [],
    createdAt: at,
    updatedAt: at,
  };
}

export const PUBLISH_CLIP_UPDATE = /* GraphQL */ `
  mutation PublishClipUpdate($input: PublishClipUpdateInput!) {
    publishClipUpdate(input: $input) {
      competition
      clipId
      status
      title
    }
  }
`;

export const ON_CLIP_READY = /* GraphQL */ `
  subscription OnClipReady($competition: ID!) {
    onClipReady(competition: $competition) {
      competition
      clipId
      status
      title
    }
  }
`;

/** Counts the subscriptions the network layer holds open, so a test can see them end. */
export function countingSubscriptions(engine: Engine): Engine & { openSubscriptions(): number } {
  let open = 0;
  return {
    execute: (request) => engine.execute(request),
    async subscribe(request, onData) {
      const result = await engine.subscribe(request, onData);
      if (!result.ok) return result;
      open += 1;
      let closed = false;
      return {
        ok: true,
        handle: {
          close() {
            if (closed) return;
            closed = true;
            open -= 1;
            result.handle.close();
          },
        },
      };
    },
    openSubscriptions: () => open,
  };
}
