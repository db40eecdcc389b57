import { createRestApi, pageOf, type RequestFault, type RestHandler, type RestRoute } from '../../rest/index.ts';
import type { HarvestJobRecord, HarvestJobStore } from '../harvest/jobs.ts';
import { toWire } from '../harvest/jobs.ts';
import { MediaPackageApiError, NotFoundError, UnprocessableEntityError } from './errors.ts';

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

export interface ApiContext {
  endpoints: () => EndpointView[];
  jobs: HarvestJobStore;
  /** Validates, records and starts a job; throws MediaPackageApiError on a refused request. */
  createHarvestJob: (body: unknown) => Promise<HarvestJobRecord>;
  log: (message: string) => void;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

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

const PAGE_RULES = {
  defaultSize: DEFAULT_PAGE,
  maxSize: MAX_PAGE,
  refuse: (message: string) => new UnprocessableEntityError(message),
};

const page = <T>(items: T[], query: URLSearchParams) => pageOf(items, query, PAGE_RULES);

type Handler = RestHandler<ApiContext>;

const createHarvestJob: Handler = async (api, request) => ({ status: 200, body: toWire(await api.createHarvestJob(await request.body())) });

const listHarvestJobs: Handler = async (api, { query }) => {
  const channelId = query.get('includeChannelId');
  const status = query.get('includeStatus');
  if (status && !['IN_PROGRESS', 'SUCCEEDED', 'FAILED'].includes(status)) {
    throw new UnprocessableEntityError('includeStatus must be IN_PROGRESS, SUCCEEDED or FAILED');
  }
  const matching = api.jobs.all().filter((job) => (!channelId || job.channelId === channelId) && (!status || job.status === status));
  const { items, nextToken } = page(matching, query);
  return { status: 200, body: { harvestJobs: items.map(toWire), ...(nextToken ? { nextToken } : {}) } };
};

const describeHarvestJob: Handler = async (api, { params: [id = ''] }) => {
  const job = api.jobs.get(id);
  if (!job) throw new NotFoundError(`HarvestJob ${id} not found`);
  return { status: 200, body: toWire(job) };
};

const listOriginEndpoints: Handler = async (api, { query }) => {
  const channelId = query.get('channelId');
  const { items, nextToken } = page(
    api.endpoints().filter((endpoint) => !channelId || endpoint.channelId === channelId),
    query,
  );
  return { status: 200, body: { originEndpoints: items.map(endpointWire), ...(nextToken ? { nextToken } : {}) } };
};

const describeOriginEndpoint: Handler = async (api, { params: [id = ''] }) => {
  const endpoint = api.endpoints().find((candidate) => candidate.id === id);
  if (!endpoint) throw new NotFoundError(`OriginEndpoint ${id} not found`);
  return { status: 200, body: endpointWire(endpoint) };
};

/** MediaPackage's REST routes (restJson1), as `@aws-sdk/client-mediapackage` calls them. */
const ROUTES: readonly RestRoute<ApiContext>[] = [
  ['POST', /^\/harvest_jobs$/, createHarvestJob],
  ['GET', /^\/harvest_jobs$/, listHarvestJobs],
  ['GET', /^\/harvest_jobs\/([^/]+)$/, describeHarvestJob],
  ['GET', /^\/origin_endpoints$/, listOriginEndpoints],
  ['GET', /^\/origin_endpoints\/([^/]+)$/, describeOriginEndpoint],
];

export function createApiHandler(context: ApiContext, fault?: RequestFault) {
  return createRestApi({
    service: 'mediapackage',
    routes: ROUTES,
    context,
    errors: {
      notFound: (method, path) => new NotFoundError(`${method} ${path} is not an operation of the local MediaPackage`),
      invalidBody: (message, cause) => new UnprocessableEntityError(message, { cause }),
      internal: (cause) => new MediaPackageApiError('InternalServerErrorException', 'internal error', { cause }),
    },
    ...(fault ? { fault } : {}),
    log: context.log,
  });
}
