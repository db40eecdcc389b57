import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createEngine, type Caller, type CreateEngineOptions, type Engine } from '../../../../local/appsync/engine/index.ts';
import { ensureTable, startDynamoDB } from '../../../../local/dynamodb/index.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const fixtures = join(here, 'fixtures');
export const prelude = fileURLToPath(new URL('../../../../schema/appsync-prelude.graphql', import.meta.url));

export const apiKeyCaller: Caller = { authType: 'API_KEY', identity: null, headers: { 'x-api-key': 'local', 'x-custom': 'yes' } };
export const iamCaller: Caller = {
  authType: 'AWS_IAM',
  identity: {
    accountId: '000000000000',
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: ['127.0.0.1'],
    username: 'AIDALOCAL',
    userArn: 'arn:aws:iam::000000000000:user/local',
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  },
  headers: {},
};

export function cognitoCaller(groups: string[]): Caller {
  return {
    authType: 'AMAZON_COGNITO_USER_POOLS',
    identity: { sub: 'u-1', issuer: 'local', username: 'ana', claims: {}, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups },
    headers: {},
  };
}

export interface Harness {
  engine: Engine;
  client: DynamoDBClient;
  lambdaEvents: unknown[];
  stop(): Promise<void>;
}

/** A real dynalite on loopback, the fixture table, and an engine over the fixture resolvers. */
export async function startHarness(overrides: Partial<CreateEngineOptions> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'engine-test-'));
  const dynamodb = await startDynamoDB({ dataDir, log: () => {} });
  const client = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, {
    TableName: 'items',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  });
  const lambdaEvents: unknown[] = [];
  const engine = await createEngine({
    schemaPaths: [prelude, join(fixtures, 'schema.graphql')],
    resolversDir: join(fixtures, 'resolvers'),
    dataSources: {
      items: { type: 'AMAZON_DYNAMODB', tableName: 'items', client },
      echo: {
        type: 'AWS_LAMBDA',
        handler: async (event) => {
          lambdaEvents.push(event);
          if ((event as { arguments?: unknown }).arguments) return event;
          const { text, fail } = event as { text: string; fail: boolean };
          if (fail) throw new Error(`cannot echo ${text}`);
          return { echoed: text };
        },
      },
    },
    env: { STAGE: 'test' },
    handlerTimeoutMs: 200,
    log: () => {},
    ...overrides,
  });
  return {
    engine,
    client,
    lambdaEvents,
    async stop() {
      client.destroy();
      await dynamodb.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The response as a client receives it: through JSON, as the network layer sends it. */
export function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
