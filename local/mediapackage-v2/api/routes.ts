// MediaPackage v2's REST routes (restJson1), as @aws-sdk/client-mediapackagev2 serializes them
// (its Aws_restJson1 `se_*Command` functions: method, path, headers and body members).
import { createRestApi, pageOf, type RequestFault, type RestHandler, type RestRequest, type RestRoute } from '../../rest/index.ts';
import type { HarvestService } from '../harvest/service.ts';
import type { HarvestJobStatus } from '../harvest/jobs.ts';
import type { Resources } from '../resources.ts';
import type { Urls } from '../urls.ts';
import { MediaPackageV2ApiError, ValidationError } from './errors.ts';
import { requiredString, resourceName, stringMember, tagsMember } from './fields.ts';
import { readOriginEndpointRequest } from './originEndpointRequest.ts';
import {
  channelGroupSummary,
  channelGroupWire,
  channelSummary,
  channelWire,
  endpointSummary,
  endpointWire,
  harvestJobWire,
} from './wire.ts';

export interface ApiContext {
  resources: Resources;
  harvests: HarvestService;
  urls: Urls;
  log: (message: string) => void;
}

type Handler = RestHandler<ApiContext>;

const HARVEST_JOB_STATUSES: readonly HarvestJobStatus[] = ['QUEUED', 'IN_PROGRESS', 'CANCELLED', 'COMPLETED', 'FAILED'];

// MaxResults of every v2 List operation: "Valid Range: Minimum value of 1. Maximum value of 100."
const PAGE_RULES = {
  defaultSize: 100,
  maxSize: 100,
  refuse: (message: string, field: 'maxResults' | 'nextToken') =>
    new ValidationError(field === 'maxResults' ? 'INVALID_PAGINATION_MAX_RESULTS' : 'INVALID_PAGINATION_TOKEN', message),
};

function listed<T>(items: readonly T[], query: URLSearchParams, wire: (item: T) => unknown) {
  const page = pageOf(items, query, PAGE_RULES);
  return { status: 200, body: { Items: page.items.map(wire), ...(page.nextToken ? { NextToken: page.nextToken } : {}) } };
}

const header = (request: RestRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const createChannelGroup: Handler = async ({ resources, urls }, request) => {
  const body = await request.body();
  const name = resourceName(requiredString(body, 'ChannelGroupName'), 'ChannelGroupName');
  // CreateChannelGroup sends its tags as `tags` (the SDK's se_CreateChannelGroupCommand).
  const group = resources.createGroup(name, stringMember(body, 'Description'), tagsMember(body, 'tags'));
  return { status: 200, body: channelGroupWire(group, urls) };
};

const listChannelGroups: Handler = async ({ resources }, { query }) => listed([...resources.groups.values()], query, channelGroupSummary);

const getChannelGroup: Handler = async ({ resources, urls }, { params: [group = ''] }) => ({
  status: 200,
  body: channelGroupWire(resources.group(group), urls),
});

const deleteChannelGroup: Handler = async ({ resources }, { params: [group = ''] }) => {
  resources.deleteGroup(group);
  return { status: 200 };
};

const createChannel: Handler = async ({ resources, urls }, request) => {
  const [group = ''] = request.params;
  const body = await request.body();
  const name = resourceName(requiredString(body, 'ChannelName'), 'ChannelName');
  const inputType = stringMember(body, 'InputType') ?? 'HLS';
  if (inputType !== 'HLS') throw new ValidationError('MEMBER_INVALID_ENUM_VALUE', 'InputType CMAF is not emulated locally; use HLS');
  const channel = await resources.createChannel(group, name, stringMember(body, 'Description'), tagsMember(body, 'tags'));
  return { status: 200, body: channelWire(channel, urls) };
};

const listChannels: Handler = async ({ resources }, { params: [group = ''], query }) =>
  listed([...resources.group(group).channels.values()], query, channelSummary);

const getChannel: Handler = async ({ resources, urls }, { params: [group = '', channel = ''] }) => ({
  status: 200,
  body: channelWire(resources.channel(group, channel), urls),
});

const deleteChannel: Handler = async ({ resources }, { params: [group = '', channel = ''] }) => {
  await resources.deleteChannel(group, channel);
  return { status: 200 };
};

const createOriginEndpoint: Handler = async ({ resources, urls }, request) => {
  const [group = '', channelName = ''] = request.params;
  const channel = resources.channel(group, channelName);
  const body = await request.body();
  const endpoint = resources.addEndpoint(
    channel,
    { channelGroupName: group, channelName, ...readOriginEndpointRequest(body) },
    stringMember(body, 'Description'),
    tagsMember(body, 'Tags'),
  );
  return { status: 200, body: endpointWire(endpoint, urls) };
};

const listOriginEndpoints: Handler = async ({ resources, urls }, { params: [group = '', channel = ''], query }) =>
  listed([...resources.channel(group, channel).endpoints.values()], query, (endpoint) => endpointSummary(endpoint, urls));

const getOriginEndpoint: Handler = async ({ resources, urls }, { params: [group = '', channel = '', endpoint = ''] }) => ({
  status: 200,
  body: endpointWire(resources.endpoint(group, channel, endpoint), urls),
});

const deleteOriginEndpoint: Handler = async ({ resources }, { params: [group = '', channel = '', endpoint = ''] }) => {
  resources.deleteEndpoint(group, channel, endpoint);
  return { status: 200 };
};

const createHarvestJob: Handler = async ({ harvests }, request) => {
  const [channelGroupName = '', channelName = '', originEndpointName = ''] = request.params;
  const job = harvests.create({
    channelGroupName,
    channelName,
    originEndpointName,
    body: await request.body(),
    clientToken: header(request, 'x-amzn-client-token'),
  });
  const body = harvestJobWire(job);
  // An acknowledged job exists, whatever happens to the service next: answered only once it is
  // on disk (a home killed right after the answer must not lose it).
  await harvests.jobs.flushed();
  return { status: 200, body };
};

const jobPath = ([channelGroupName = '', channelName = '', originEndpointName = '', harvestJobName = '']: string[]) => ({
  channelGroupName,
  channelName,
  originEndpointName,
  harvestJobName,
});

const getHarvestJob: Handler = async ({ harvests }, { params }) => ({ status: 200, body: harvestJobWire(harvests.get(jobPath(params))) });

const cancelHarvestJob: Handler = async ({ harvests }, request) => {
  harvests.cancel(jobPath(request.params), header(request, 'x-amzn-update-if-match'));
  await harvests.jobs.flushed();
  return { status: 200, body: {} };
};

/** ListHarvestJobs' filters travel as `channelName`, `originEndpointName` and `includeStatus`. */
const listHarvestJobs: Handler = async ({ resources, harvests }, { params: [group = ''], query }) => {
  resources.group(group);
  const channel = query.get('channelName');
  const endpoint = query.get('originEndpointName');
  const status = query.get('includeStatus');
  if (status !== null && !HARVEST_JOB_STATUSES.includes(status as HarvestJobStatus)) {
    throw new ValidationError('MEMBER_INVALID_ENUM_VALUE', `Status must be one of ${HARVEST_JOB_STATUSES.join(', ')}`);
  }
  const matching = harvests.jobs
    .all()
    .filter(
      (job) =>
        job.channelGroupName === group &&
        (channel === null || job.channelName === channel) &&
        (endpoint === null || job.originEndpointName === endpoint) &&
        (status === null || job.status === status),
    );
  return listed(matching, query, harvestJobWire);
};

const NAME = '([^/]+)';
const path = (...parts: string[]) => new RegExp(`^/${parts.join('/')}$`);

const ROUTES: readonly RestRoute<ApiContext>[] = [
  ['POST', path('channelGroup'), createChannelGroup],
  ['GET', path('channelGroup'), listChannelGroups],
  ['GET', path('channelGroup', NAME), getChannelGroup],
  ['DELETE', path('channelGroup', NAME), deleteChannelGroup],
  ['POST', path('channelGroup', NAME, 'channel'), createChannel],
  ['GET', path('channelGroup', NAME, 'channel'), listChannels],
  ['GET', path('channelGroup', NAME, 'channel', NAME), getChannel],
  ['DELETE', path('channelGroup', NAME, 'channel', NAME), deleteChannel],
  ['POST', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint'), createOriginEndpoint],
  ['GET', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint'), listOriginEndpoints],
  ['GET', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint', NAME), getOriginEndpoint],
  ['DELETE', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint', NAME), deleteOriginEndpoint],
  ['POST', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint', NAME, 'harvestJob'), createHarvestJob],
  ['GET', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint', NAME, 'harvestJob', NAME), getHarvestJob],
  ['PUT', path('channelGroup', NAME, 'channel', NAME, 'originEndpoint', NAME, 'harvestJob', NAME), cancelHarvestJob],
  ['GET', path('channelGroup', NAME, 'harvestJob'), listHarvestJobs],
];

export function createApiHandler(context: ApiContext, fault?: RequestFault) {
  return createRestApi({
    service: 'mediapackage-v2',
    routes: ROUTES,
    context,
    errors: {
      // AWS's front door refuses an unknown operation before the service sees it; of the errors
      // the SDK knows, ValidationException says it best.
      notFound: (method, requestPath) => new MediaPackageV2ApiError('ValidationException', `${method} ${requestPath} is not an operation of the local MediaPackage v2`),
      invalidBody: (message, cause) => new ValidationError('MEMBER_INVALID', message, { cause }),
      internal: (cause) => new MediaPackageV2ApiError('InternalServerException', 'internal error', {}, { cause }),
    },
    ...(fault ? { fault } : {}),
    log: context.log,
  });
}
