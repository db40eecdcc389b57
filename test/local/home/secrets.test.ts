// Logs never print secrets: the real `npm start` in the AWS home's auth shape (--auth cognito
// --local-sign-in), its handlers at DEBUG, takes a sign-in, a clip made to READY with the
// editor's id token (the handlers publish it signed with the backend's IAM key), and refusals of a
// tampered token and of a wrongly signed IAM request; then nothing it printed, from the banner to
// the stop, holds a token, the IAM secret key, the API key or the sign-in key.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClipDocument, CompetitionsDocument, CreateClipDocument } from '../../../generated/operations/graphql.ts';
import type { ClipsOutputs } from '../../../contracts/outputs.ts';
import { graphqlRequestWith } from '../../../local/client/graphqlRequest.ts';
import { authHeaders } from '../../../local/client/signIn.ts';
import { until } from '../../functions/support/until.ts';

const START = fileURLToPath(new URL('../../../local/start.ts', import.meta.url));
// Seven ports from here (API, TLS, DynamoDB, MediaPackage, VOD, S3, MediaPackage v2): away from
// npm start's 4000 and the ephemeral range the other suites take.
const BASE_PORT = 21_000 + Math.floor(Math.random() * 2_000) * 7;

let dataDir: string;
let home: ChildProcess;
let printed = '';
let outputs: ClipsOutputs;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'home-secrets-'));
  home = spawn(process.execPath, ['--import', 'tsx', START, '--port', String(BASE_PORT), '--data-dir', dataDir, '--auth', 'cognito', '--local-sign-in'], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => (printed += chunk.toString('utf8'));
  home.stdout?.on('data', collect);
  home.stderr?.on('data', collect);
  await until(async () => printed.includes('the local home is up') || home.exitCode !== null, (up) => up, 90_000);
  expect(home.exitCode, printed).toBeNull();
  outputs = JSON.parse(await readFile(join(dataDir, 'outputs.json'), 'utf8')) as ClipsOutputs;
});

afterAll(async () => {
  if (home && home.exitCode === null) {
    const exited = new Promise((resolve) => home.once('exit', resolve));
    home.kill('SIGINT');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

it('prints no token, key or secret while it signs in, clips, refuses and stops', async () => {
  const editor = await authHeaders(outputs, { username: 'editor', password: 'unchecked' });
  const idToken = editor.authorization ?? '';
  expect(idToken.split('.')).toHaveLength(3);

  // The live archive needs a few segments before a range inside it can be harvested.
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  const now = Date.now();
  const created = await graphqlRequestWith(outputs.graphql.url, editor, CreateClipDocument, {
    input: { competition: 'secrets', startTime: new Date(now - 6_000).toISOString(), endTime: new Date(now - 2_000).toISOString(), title: 'kept quiet' },
  });
  expect(created.errors).toBeUndefined();
  const { clipId } = created.data!.createClip;
  await until(
    async () => (await graphqlRequestWith(outputs.graphql.url, editor, ClipDocument, { competition: 'secrets', clipId })).data?.clip?.status,
    (status) => status === 'READY',
    60_000,
  );

  // Refusals are where a careless log would echo what it was given.
  const [header = '', , signature = ''] = idToken.split('.');
  const tampered = `${header}.${Buffer.from(JSON.stringify({ 'cognito:groups': ['editors'], sub: 'x' })).toString('base64url')}.${signature}`;
  const refused = await fetch(outputs.graphql.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: tampered },
    body: JSON.stringify({ query: print(CompetitionsDocument) }),
  });
  expect(refused.status).toBe(401);
  const wronglySigned = await fetch(outputs.graphql.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `AWS4-HMAC-SHA256 Credential=${outputs.auth.iam?.accessKeyId}/20261206/${outputs.region}/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20261206T000000Z',
    },
    body: JSON.stringify({ query: print(CompetitionsDocument) }),
  });
  // AppSync answers a signature that does not match with 403 (InvalidSignatureException).
  expect(wronglySigned.status).toBe(403);

  const stopped = new Promise((resolve) => home.once('exit', resolve));
  home.kill('SIGINT');
  await stopped;

  const credentials = join(dataDir, 'credentials');
  const iam = JSON.parse(await readFile(join(credentials, 'iam.json'), 'utf8')) as { secretAccessKey: string };
  const apiKey = JSON.parse(await readFile(join(credentials, 'api-key.json'), 'utf8')) as { id: string };
  const signingKey = (await readFile(join(credentials, 'cognito-key.pem'), 'utf8')).split('\n').filter((line) => line && !line.startsWith('-----'));
  const secrets: Record<string, string> = {
    'the editor\'s id token': idToken,
    'the id token\'s signature': signature,
    'the tampered token': tampered,
    'the IAM secret access key': iam.secretAccessKey,
    'the API key (cognito mode has none to give out)': apiKey.id,
    ...Object.fromEntries(signingKey.map((line, index) => [`line ${index + 1} of the sign-in's private key`, line])),
  };
  expect(printed).toContain('Clip status changed');
  for (const [what, secret] of Object.entries(secrets)) {
    expect(secret.length, what).toBeGreaterThan(16);
    expect(printed.includes(secret), `${what} was printed`).toBe(false);
  }
});
