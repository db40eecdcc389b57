import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HarvestJobRecord, HarvestJobStore } from '../harvest/jobs.ts';
import { toWire } from '../harvest/jobs.ts';
import { MediaPackageApiError, notFound, sendApiError, unprocessable } from './errors.ts';

/** What the REST API needs to know about one origin endpoint. */
export interface EndpointView {
  id: string;
  channelId: string;
  arn: string;
  url: string;
  createdAt: string;
  startoverWindowSeconds: number;
  playlistWindowSeconds: number;
  segmentDurationSeconds: number;
}

export interface ApiHandlers {
  endpoints: () => EndpointView[];
  jobs: HarvestJobStore;
  /** Validates, records and starts a job; throws MediaPackageApiError on a refused request. */
  createHarvestJob: (body: unknown) => Promise<HarvestJobRecord>;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  res.end(text);
}

function endpointWire(endpoint: EndpointView): Record<string, unknown> {
  return {
    arn: endpoint.arn,
    channelId: endpoint.channelId,
    createdAt: endpoint.createdAt,
    description: 'Local MediaPackage origin endpoint (HLS)',
    hlsPackage: {
      adMarkers: 'NONE',
      includeIframeOnlyStream: false,
      playlistType: 'EVENT',
      playlistWindowSeconds: endpoint.playlistWindowSeconds,
      programDateTimeIntervalSeconds: endpoint.segmentDurationSeconds,
      segmentDurationSeconds: endpoint.segmentDurationSeconds,
      useAudioRenditionGroup: false,
    },
    id: endpoint.id,
    manifestName: 'index',
    origination: 'ALLOW',
    startoverWindowSeconds: endpoint.startoverWindowSeconds,
    tags: {},
    timeDelaySeconds: 0,
    url: endpoint.url,
    whitelist: [],
  };
}

/** `maxResults` and `nextToken` as the list operations take them; the token is an opaque offset. */
function page<T>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const rawMax = query.get('maxResults');
  const max = rawMax === null ? DEFAULT_PAGE : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE) throw unprocessable(`maxResults must be between 1 and ${MAX_PAGE}`);
  const token = query.get('nextToken');
  let offset = 0;
  if (token) {
    offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(offset) || offset < 0) throw unprocessable('Invalid nextToken');
  }
  const slice = items.slice(offset, offset + max);
  const next = offset + max;
  return next < items.length ? { items: slice, nextToken: Buffer.from(`offset:${next}`).toString('base64url') } : { items: slice };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MediaPackageApiError('UnprocessableEntityException', 'The request body is not valid JSON', { cause: error });
  }
}

/** MediaPackage's REST routes (restJson1), as `@aws-sdk/client-mediapackage` calls them. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, api: ApiHandlers): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [collection, id] = parts;
  try {
    if (collection === 'harvest_jobs' && parts.length === 1 && req.method === 'POST') {
      const job = await api.createHarvestJob(await readJson(req));
      sendJson(res, 200, toWire(job));
    } else if (collection === 'harvest_jobs' && parts.length === 1 && req.method === 'GET') {
      const channelId = url.searchParams.get('includeChannelId');
      const status = url.searchParams.get('includeStatus');
      if (status && !['IN_PROGRESS', 'SUCCEEDED', 'FAILED'].includes(status)) {
        throw unprocessable(`includeStatus must be IN_PROGRESS, SUCCEEDED or FAILED`);
      }
      const matching = api.jobs
        .all()
        .filter((job) => (!channelId || job.channelId === channelId) && (!status || job.status === status));
      const { items, nextToken } = page(matching, url.searchParams);
      sendJson(res, 200, { harvestJobs: items.map(toWire), ...(nextToken ? { nextToken } : {}) });
    } else if (collection === 'harvest_jobs' && id && parts.length === 2 && req.method === 'GET') {
      const job = api.jobs.get(id);
      if (!job) throw notFound(`HarvestJob ${id} not found`);
      sendJson(res, 200, toWire(job));
    } else if (collection === 'origin_endpoints' && parts.length === 1 && req.method === 'GET') {
      const channelId = url.searchParams.get('channelId');
      const matching = api.endpoints().filter((endpoint) => !channelId || endpoint.channelId === channelId);
      const { items, nextToken } = page(matching, url.searchParams);
      sendJson(res, 200, { originEndpoints: items.map(endpointWire), ...(nextToken ? { nextToken } : {}) });
    } else if (collection === 'origin_endpoints' && id && parts.length === 2 && req.method === 'GET') {
      const endpoint = api.endpoints().find((candidate) => candidate.id === id);
      if (!endpoint) throw notFound(`OriginEndpoint ${id} not found`);
      sendJson(res, 200, endpointWire(endpoint));
    } else {
      throw notFound(`${req.method} ${url.pathname} is not an operation of the local MediaPackage`);
    }
  } catch (error) {
    if (error instanceof MediaPackageApiError) {
      sendApiError(res, error);
      return;
    }
    sendApiError(res, new MediaPackageApiError('InternalServerErrorException', String(error), { cause: error }));
  }
}
