// Starting and stopping the server, and its TLS side, as the local home and clients use them.
import { request } from 'node:https';
import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTlsCertificate } from '../../../../local/appsync/server/index.ts';
import { headerSubprotocol, RawClient, startHarness, type Harness } from './helpers.ts';
import { startRealEngine, type RealEngine } from './realEngine.ts';

function httpsPost(url: string, ca: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', ca, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('startAppSyncServer', () => {
  let real: RealEngine;
  let harness: Harness;

  beforeAll(async () => {
    real = await startRealEngine();
    harness = await startHarness(real.engine, { tls: true });
  });
  afterAll(async () => {
    await harness.stop();
    await real.stop();
  });

  it('serves https:// and wss:// with a certificate for localhost and 127.0.0.1 that clients can trust through `ca`', async () => {
    const { server } = harness;
    expect(server.httpsGraphqlUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(server.wssRealtimeUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/graphql\/realtime$/);
    const ca = await readFile(server.caCertPath ?? '', 'utf8');
    const subjectAltName = new X509Certificate(ca).subjectAltName ?? '';
    expect(subjectAltName).toContain('DNS:localhost');
    expect(subjectAltName).toContain('IP Address:127.0.0.1');

    const response = await httpsPost(server.httpsGraphqlUrl ?? '', ca, JSON.stringify({ query: '{ clipsByCompetition(competition: "tls") { nextToken } }' }), { 'x-api-key': harness.apiKey.id });
    expect(response).toEqual({ status: 200, body: '{"data":{"clipsByCompetition":{"nextToken":null}}}' });
  });

  it('makes the certificate once and reuses it on later starts', async () => {
    const dir = join(harness.dir, 'tls');
    const first = await readFile(join(dir, 'localhost-cert.pem'), 'utf8');
    const again = await ensureTlsCertificate(dir);
    expect(again.cert).toBe(first);
    expect(again.certPath).toBe(harness.server.caCertPath);
  });

  it('closes open real-time connections with 1001 when it stops', async () => {
    const other = await startHarness(real.engine);
    const host = new URL(other.server.graphqlUrl).host;
    const client = new RawClient(other.server.realtimeUrl, ['graphql-ws', headerSubprotocol({ host, 'x-api-key': other.apiKey.id })]);
    await client.opened();
    client.send({ type: 'connection_init' });
    expect((await client.next()).type).toBe('connection_ack');
    await other.stop();
    expect((await client.closed).code).toBe(1001);
    expect(other.logs).toContain('[appsync] stopped');
  });
});
