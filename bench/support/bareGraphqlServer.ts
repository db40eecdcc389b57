// The baseline of the API benchmark: the least a GraphQL server does to answer the same two
// operations from the same table. graphql-js over the project's schema (parse, validate and
// execute per request, as any server does), resolvers that make the same DynamoDB and MediaPackage
// calls with the AWS SDK directly, an API key compared; no sandbox, no bundles, no pipeline.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateHarvestJobCommand, DescribeOriginEndpointCommand, MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { IN_FLIGHT_INDEX } from '../../contracts/clipTable.ts';
import { competitionRegistryKey, LAST_CLIP_AT_ATTRIBUTE } from '../../contracts/competitions.ts';

export interface BareServerOptions {
  dynamodbEndpoint: string;
  mediaPackageEndpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  tableName: string;
  apiKey: string;
  originEndpointId: string;
}

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

const schemaFile = (name: string) => fileURLToPath(new URL(`../../schema/${name}`, import.meta.url));

/** yyyyMMddTHHmmssSSSZ, the clip-id prefix resolvers/lib/clipKeys.ts writes. */
const compactTime = (millis: number) => new Date(millis).toISOString().replace(/[-:.]/g, '');

function resolversOf(options: BareServerOptions) {
  const dynamodb = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials });
  const mediaPackage = new MediaPackageClient({ endpoint: options.mediaPackageEndpoint, region: options.region, credentials: options.credentials });
  const TableName = options.tableName;
  return {
    clients: [dynamodb, mediaPackage],
    root: {
      async clipsByCompetition({ competition, limit }: { competition: string; limit?: number | null }) {
        const out = await dynamodb.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'competition = :competition AND clipId BETWEEN :lower AND :upper',
            FilterExpression: '#status <> :deleted',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':competition': competition, ':lower': '0', ':upper': '9~', ':deleted': 'DELETED' }),
            ScanIndexForward: false,
            Limit: limit ?? 20,
          }),
        );
        return {
          items: (out.Items ?? []).map((item) => unmarshall(item)),
          nextToken: out.LastEvaluatedKey ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64') : null,
          changesCursor: String(Date.now()),
        };
      },
      // The calls of the createClip pipeline for a clip of the last 60 s without a clientToken:
      // put PENDING, register the competition, look for waiting clips, start the harvest job,
      // record it, read the clip back.
      async createClip({ input }: { input: { competition: string; title?: string | null } }) {
        const endMillis = Date.now();
        const startMillis = endMillis - 60_000;
        const now = new Date().toISOString();
        const key = { competition: input.competition, clipId: `${compactTime(startMillis)}-${randomUUID().slice(0, 16)}` };
        const clip = {
          ...key,
          status: 'PENDING',
          startTime: new Date(startMillis).toISOString(),
          endTime: new Date(endMillis).toISOString(),
          durationSeconds: 60,
          title: input.title ?? null,
          manifests: [],
          createdBy: 'api-key',
          createdAt: now,
          updatedAt: now,
        };
        await dynamodb.send(
          new PutItemCommand({
            TableName,
            Item: marshall({ ...clip, [IN_FLIGHT_INDEX.partition]: 'CREATING', [IN_FLIGHT_INDEX.sort]: now }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(clipId)',
          }),
        );
        await dynamodb.send(
          new UpdateItemCommand({
            TableName,
            Key: marshall(competitionRegistryKey(input.competition)),
            UpdateExpression: 'SET #lastClipAt = :lastClipAt',
            ExpressionAttributeNames: { '#lastClipAt': LAST_CLIP_AT_ATTRIBUTE },
            ExpressionAttributeValues: marshall({ ':lastClipAt': now }),
          }),
        );
        await dynamodb.send(
          new QueryCommand({
            TableName,
            IndexName: IN_FLIGHT_INDEX.name,
            KeyConditionExpression: '#p = :pending AND #s < :now',
            ExpressionAttributeNames: { '#p': IN_FLIGHT_INDEX.partition, '#s': IN_FLIGHT_INDEX.sort },
            ExpressionAttributeValues: marshall({ ':pending': 'PENDING', ':now': now }),
            Limit: 25,
          }),
        );
        const jobId = `${key.competition}_${key.clipId}`;
        await mediaPackage.send(
          new CreateHarvestJobCommand({
            Id: jobId,
            OriginEndpointId: options.originEndpointId,
            StartTime: clip.startTime,
            EndTime: clip.endTime,
            S3Destination: { BucketName: 'clips', ManifestKey: `${key.competition}/${key.clipId}/index.m3u8`, RoleArn: 'arn:aws:iam::000000000000:role/bench' },
          }),
        );
        const origin = await mediaPackage.send(new DescribeOriginEndpointCommand({ Id: options.originEndpointId }));
        await dynamodb.send(
          new UpdateItemCommand({
            TableName,
            Key: marshall(key),
            UpdateExpression: 'SET #status = :harvesting, harvestJobId = :job, previewUrl = :preview, updatedAt = :now, #p = :harvesting, #s = :now',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status', '#p': IN_FLIGHT_INDEX.partition, '#s': IN_FLIGHT_INDEX.sort },
            ExpressionAttributeValues: marshall({ ':harvesting': 'HARVESTING', ':pending': 'PENDING', ':job': jobId, ':preview': `${origin.Url ?? ''}?start=${clip.startTime}`, ':now': new Date().toISOString() }),
          }),
        );
        const read = await dynamodb.send(new GetItemCommand({ TableName, Key: marshall(key), ConsistentRead: true }));
        return read.Item ? unmarshall(read.Item) : null;
      },
    },
  };
}

async function projectSchema(): Promise<GraphQLSchema> {
  const sdl = await Promise.all(['appsync-prelude.graphql', 'schema.graphql'].map((name) => readFile(schemaFile(name), 'utf8')));
  return buildSchema(sdl.join('\n'));
}

export async function startBareGraphqlServer(options: BareServerOptions): Promise<BareServer> {
  const schema = await projectSchema();
  const { clients, root } = resolversOf(options);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        response.end(text);
      };
      if (request.headers['x-api-key'] !== options.apiKey) return send(401, { errors: [{ message: 'Unauthorized' }] });
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
        operationName?: string;
      };
      graphql({ schema, source: query, rootValue: root, variableValues: variables, operationName }).then(
        (result) => send(200, result),
        (error: unknown) => send(500, { errors: [{ message: String(error) }] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const client of clients) client.destroy();
    },
  };
}
