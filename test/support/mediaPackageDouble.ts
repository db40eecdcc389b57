// A test double of MediaPackage's harvest-job REST API, for the API suites: they check the
// GraphQL contract and must not wait for a live encoder, so they cannot use the local
// MediaPackage (which refuses ranges the encoder never streamed). It speaks the same wire format
// (lowerCamelCase JSON, x-amzn-ErrorType errors) so the real @aws-sdk/client-mediapackage in
// the real startHarvest handler talks to it unchanged; it records each CreateHarvestJob.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedHarvestJob {
  id: string;
  originEndpointId: string;
  startTime: string;
  endTime: string;
  s3Destination: { bucketName: string; manifestKey: string; roleArn: string };
}

export interface MediaPackageDouble {
  endpoint: string;
  harvestJobs: RecordedHarvestJob[];
  /** Makes the next CreateHarvestJob calls fail as MediaPackage does, with this message. */
  refuseHarvests(message: string | null): void;
  stop(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(JSON.stringify(body));
}

export async function startMediaPackageDouble(): Promise<MediaPackageDouble> {
  const harvestJobs: RecordedHarvestJob[] = [];
  let refusal: string | null = null;

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://double');
      if (request.method === 'POST' && url.pathname === '/harvest_jobs') {
        const job = (await readJson(request)) as RecordedHarvestJob;
        if (refusal !== null) {
          send(response, 422, { message: refusal }, 'UnprocessableEntityException');
          return;
        }
        harvestJobs.push(job);
        send(response, 200, { ...job, arn: `arn:aws:mediapackage:us-east-1:000000000000:harvest_jobs/${job.id}`, status: 'IN_PROGRESS' });
        return;
      }
      const endpoint = /^\/origin_endpoints\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && endpoint) {
        send(response, 200, { id: endpoint[1], url: `http://${request.headers.host}/out/v1/${endpoint[1]}/index.m3u8` });
        return;
      }
      send(response, 404, { message: `no route ${request.method} ${url.pathname}` }, 'NotFoundException');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    harvestJobs,
    refuseHarvests: (message) => {
      refusal = message;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
