// MediaPackage-VOD's REST API (paths, methods and status codes as `@aws-sdk/client-mediapackage-vod`
// serializes and expects them).
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromS3Arn } from '../../objectstore/index.ts';
import { EGRESS_PREFIX } from '../egress.ts';
import { outputDirOf, type IngestQueue } from '../ingest.ts';
import type { VodStore } from '../store.ts';
import type { AssetRecord, EgressEndpointRecord, Log, PackagingConfigurationRecord, PackagingGroupRecord } from '../types.ts';
import { NotFoundError, UnprocessableEntityError, VodApiError } from './errors.ts';
import { readJsonBody, sendError, sendJson } from './http.ts';
import { asObject, dashPackage, hlsPackage, optionalString, requiredString, resourceId, roleArn, tags } from './validate.ts';
import { assetShallowWire, assetWire, packagingConfigurationWire, packagingGroupWire } from './wire.ts';

export interface ApiContext {
  store: VodStore;
  ingest: IngestQueue;
  region: string;
  accountId: string;
  egressBaseUrl: string;
  outputRoot: string;
  log: Log;
}

interface Request {
  params: string[];
  query: URLSearchParams;
  body: () => Promise<Record<string, unknown>>;
}

interface Reply {
  status: number;
  body?: unknown;
}

type Handler = (context: ApiContext, request: Request) => Promise<Reply>;

const DEFAULT_PAGE_SIZE = 50;

function arnOf(context: ApiContext, kind: 'assets' | 'packaging-groups' | 'packaging-configurations', id: string): string {
  return `arn:aws:mediapackage-vod:${context.region}:${context.accountId}:${kind}/${id}`;
}

function groupOf(context: ApiContext, id: string): PackagingGroupRecord {
  const group = context.store.packagingGroups.get(id);
  if (!group) throw new NotFoundError('PackagingGroup', id);
  return group;
}

function assetCount(context: ApiContext, groupId: string): number {
  return [...context.store.assets.values()].filter((asset) => asset.packagingGroupId === groupId).length;
}

/** One page of `items`: a `nextToken` is the id of the last item returned, base64url-encoded. */
function page<T extends { id: string }>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const maxResultsText = query.get('maxResults');
  const maxResults = maxResultsText === null ? DEFAULT_PAGE_SIZE : Number(maxResultsText);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) throw new UnprocessableEntityError('maxResults must be an integer from 1 to 1000');
  let start = 0;
  const token = query.get('nextToken');
  if (token) {
    const after = Buffer.from(token, 'base64url').toString('utf8');
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) throw new UnprocessableEntityError('nextToken is not valid');
    start = index + 1;
  }
  const slice = items.slice(start, start + maxResults);
  const last = slice.at(-1);
  const more = start + maxResults < items.length;
  return more && last ? { items: slice, nextToken: Buffer.from(last.id, 'utf8').toString('base64url') } : { items: slice };
}

const createPackagingGroup: Handler = async (context, request) => {
  const body = await request.body();
  const id = resourceId(body);
  if (body.authorization !== undefined && body.authorization !== null) {
    throw new UnprocessableEntityError('authorization (CDN identifier secret) is not supported by the local MediaPackage-VOD');
  }
  if (context.store.packagingGroups.has(id)) throw new UnprocessableEntityError(`PackagingGroup '${id}' already exists`);
  const group: PackagingGroupRecord = { id, arn: arnOf(context, 'packaging-groups', id), createdAt: new Date().toISOString(), tags: tags(body) };
  if (body.egressAccessLogs !== undefined && body.egressAccessLogs !== null) {
    group.egressAccessLogs = { logGroupName: optionalString(asObject(body.egressAccessLogs, 'egressAccessLogs'), 'logGroupName') };
  }
  context.store.packagingGroups.set(id, group);
  await context.store.save();
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl) };
};

const describePackagingGroup: Handler = async (context, { params: [id = ''] }) => {
  const group = groupOf(context, id);
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl, assetCount(context, id)) };
};

const listPackagingGroups: Handler = async (context, { query }) => {
  const { items, nextToken } = page([...context.store.packagingGroups.values()], query);
  return {
    status: 200,
    body: { packagingGroups: items.map((group) => packagingGroupWire(group, context.egressBaseUrl, assetCount(context, group.id))), nextToken },
  };
};

const updatePackagingGroup: Handler = async (context, request) => {
  const group = groupOf(context, request.params[0] ?? '');
  const body = await request.body();
  if (body.authorization !== undefined && body.authorization !== null) {
    throw new UnprocessableEntityError('authorization (CDN identifier secret) is not supported by the local MediaPackage-VOD');
  }
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl, assetCount(context, group.id)) };
};

const configureLogs: Handler = async (context, request) => {
  const group = groupOf(context, request.params[0] ?? '');
  const body = await request.body();
  if (body.egressAccessLogs === undefined || body.egressAccessLogs === null) delete group.egressAccessLogs;
  else group.egressAccessLogs = { logGroupName: optionalString(asObject(body.egressAccessLogs, 'egressAccessLogs'), 'logGroupName') };
  await context.store.save();
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl, assetCount(context, group.id)) };
};

const deletePackagingGroup: Handler = async (context, { params: [id = ''] }) => {
  groupOf(context, id);
  const configurations = [...context.store.packagingConfigurations.values()].filter((configuration) => configuration.packagingGroupId === id);
  const assets = assetCount(context, id);
  if (configurations.length > 0 || assets > 0) {
    throw new UnprocessableEntityError(`PackagingGroup '${id}' still has ${configurations.length} packaging configuration(s) and ${assets} asset(s); delete them first`);
  }
  context.store.packagingGroups.delete(id);
  await context.store.save();
  return { status: 202 };
};

const createPackagingConfiguration: Handler = async (context, request) => {
  const body = await request.body();
  const id = resourceId(body);
  const packagingGroupId = requiredString(body, 'packagingGroupId');
  for (const [field, name] of [['cmafPackage', 'CMAF'], ['mssPackage', 'Microsoft Smooth Streaming']] as const) {
    if (body[field] !== undefined && body[field] !== null) {
      throw new UnprocessableEntityError(`${field}: ${name} packaging is not supported by the local MediaPackage-VOD; use hlsPackage or dashPackage`);
    }
  }
  const given = (['hlsPackage', 'dashPackage'] as const).filter((field) => body[field] !== undefined && body[field] !== null);
  if (given.length !== 1) throw new UnprocessableEntityError('exactly one of hlsPackage and dashPackage is required');
  const packages = body.hlsPackage ? { hlsPackage: hlsPackage(body.hlsPackage) } : { dashPackage: dashPackage(body.dashPackage) };
  if (!context.store.packagingGroups.has(packagingGroupId)) throw new UnprocessableEntityError(`PackagingGroup '${packagingGroupId}' does not exist`);
  if (context.store.packagingConfigurations.has(id)) throw new UnprocessableEntityError(`PackagingConfiguration '${id}' already exists`);
  const configuration: PackagingConfigurationRecord = {
    id,
    arn: arnOf(context, 'packaging-configurations', id),
    packagingGroupId,
    createdAt: new Date().toISOString(),
    ...packages,
    tags: tags(body),
  };
  context.store.packagingConfigurations.set(id, configuration);
  await context.store.save();
  return { status: 200, body: packagingConfigurationWire(configuration) };
};

const describePackagingConfiguration: Handler = async (context, { params: [id = ''] }) => {
  const configuration = context.store.packagingConfigurations.get(id);
  if (!configuration) throw new NotFoundError('PackagingConfiguration', id);
  return { status: 200, body: packagingConfigurationWire(configuration) };
};

const listPackagingConfigurations: Handler = async (context, { query }) => {
  const groupId = query.get('packagingGroupId');
  const all = [...context.store.packagingConfigurations.values()].filter((configuration) => !groupId || configuration.packagingGroupId === groupId);
  const { items, nextToken } = page(all, query);
  return { status: 200, body: { packagingConfigurations: items.map(packagingConfigurationWire), nextToken } };
};

/** Deleting a configuration removes its output from every asset, so its egress URLs stop playing. */
const deletePackagingConfiguration: Handler = async (context, { params: [id = ''] }) => {
  if (!context.store.packagingConfigurations.delete(id)) throw new NotFoundError('PackagingConfiguration', id);
  const removed: Array<[AssetRecord, EgressEndpointRecord]> = [];
  for (const asset of context.store.assets.values()) {
    const endpoint = asset.egressEndpoints.find((candidate) => candidate.packagingConfigurationId === id);
    if (!endpoint) continue;
    asset.egressEndpoints = asset.egressEndpoints.filter((candidate) => candidate !== endpoint);
    removed.push([asset, endpoint]);
  }
  await context.store.save();
  await Promise.all(removed.map(([asset, endpoint]) => rm(outputDirOf(context.outputRoot, asset, endpoint), { recursive: true, force: true })));
  return { status: 202 };
};

function egressEndpoint(egressKey: string, configuration: PackagingConfigurationRecord): EgressEndpointRecord {
  // Stable per configuration ARN: the same configuration has the same path under every asset.
  const configKey = createHash('sha256').update(configuration.arn).digest('hex').slice(0, 32);
  const base = `${EGRESS_PREFIX}${egressKey}/${configKey}`;
  const manifestPaths = configuration.dashPackage
    ? configuration.dashPackage.dashManifests.map((manifest) => `${base}/${manifest.manifestName}.mpd`)
    : (configuration.hlsPackage?.hlsManifests ?? []).map((manifest) => `${base}/${manifest.manifestName}.m3u8`);
  return { packagingConfigurationId: configuration.id, status: 'QUEUED', manifestPaths, configKey };
}

const createAsset: Handler = async (context, request) => {
  const body = await request.body();
  const id = resourceId(body);
  const packagingGroupId = requiredString(body, 'packagingGroupId');
  const sourceArn = requiredString(body, 'sourceArn');
  try {
    fromS3Arn(sourceArn);
  } catch (error) {
    throw new UnprocessableEntityError(`sourceArn '${sourceArn}' is not an S3 object ARN (arn:aws:s3:::bucket/key)`, { cause: error });
  }
  const sourceRoleArn = roleArn(body, 'sourceRoleArn');
  const resource = optionalString(body, 'resourceId');
  if (!context.store.packagingGroups.has(packagingGroupId)) throw new UnprocessableEntityError(`PackagingGroup '${packagingGroupId}' does not exist`);
  if (context.store.assets.has(id)) throw new UnprocessableEntityError(`Asset '${id}' already exists`);
  const egressKey = randomBytes(16).toString('hex');
  const configurations = [...context.store.packagingConfigurations.values()].filter((configuration) => configuration.packagingGroupId === packagingGroupId);
  const asset: AssetRecord = {
    id,
    arn: arnOf(context, 'assets', id),
    packagingGroupId,
    sourceArn,
    sourceRoleArn,
    ...(resource === undefined ? {} : { resourceId: resource }),
    createdAt: new Date().toISOString(),
    tags: tags(body),
    egressKey,
    egressEndpoints: configurations.map((configuration) => egressEndpoint(egressKey, configuration)),
  };
  context.store.assets.set(id, asset);
  await context.store.save();
  // The answer is taken before ingest may touch the record: CreateAsset reports QUEUED, as on AWS.
  const reply = { status: 200, body: assetWire(asset, context.egressBaseUrl) };
  context.ingest.enqueue(id);
  return reply;
};

const describeAsset: Handler = async (context, { params: [id = ''] }) => {
  const asset = context.store.assets.get(id);
  if (!asset) throw new NotFoundError('Asset', id);
  return { status: 200, body: assetWire(asset, context.egressBaseUrl) };
};

const listAssets: Handler = async (context, { query }) => {
  const groupId = query.get('packagingGroupId');
  const all = [...context.store.assets.values()].filter((asset) => !groupId || asset.packagingGroupId === groupId);
  const { items, nextToken } = page(all, query);
  return { status: 200, body: { assets: items.map(assetShallowWire), nextToken } };
};

const deleteAsset: Handler = async (context, { params: [id = ''] }) => {
  const asset = context.store.assets.get(id);
  if (!asset) throw new NotFoundError('Asset', id);
  context.store.assets.delete(id);
  await context.store.save();
  await rm(outputDirOf(context.outputRoot, asset), { recursive: true, force: true });
  context.log(`[mediapackage-vod] deleted asset '${id}' and its packaged output`);
  return { status: 202 };
};

function taggable(context: ApiContext, arn: string): { tags: Record<string, string> } {
  const resources = [...context.store.assets.values(), ...context.store.packagingGroups.values(), ...context.store.packagingConfigurations.values()];
  const found = resources.find((resource) => resource.arn === arn);
  if (!found) throw new NotFoundError('Resource', arn);
  return found;
}

const listTagsForResource: Handler = async (context, { params: [arn = ''] }) => ({ status: 200, body: { tags: taggable(context, arn).tags } });

const tagResource: Handler = async (context, request) => {
  const resource = taggable(context, request.params[0] ?? '');
  Object.assign(resource.tags, tags(await request.body()));
  await context.store.save();
  return { status: 204 };
};

const untagResource: Handler = async (context, { params: [arn = ''], query }) => {
  const resource = taggable(context, arn);
  for (const key of query.getAll('tagKeys')) delete resource.tags[key];
  await context.store.save();
  return { status: 204 };
};

const ROUTES: Array<[method: string, path: RegExp, handler: Handler]> = [
  ['POST', /^\/packaging_groups$/, createPackagingGroup],
  ['GET', /^\/packaging_groups$/, listPackagingGroups],
  ['GET', /^\/packaging_groups\/([^/]+)$/, describePackagingGroup],
  ['PUT', /^\/packaging_groups\/([^/]+)$/, updatePackagingGroup],
  ['PUT', /^\/packaging_groups\/([^/]+)\/configure_logs$/, configureLogs],
  ['DELETE', /^\/packaging_groups\/([^/]+)$/, deletePackagingGroup],
  ['POST', /^\/packaging_configurations$/, createPackagingConfiguration],
  ['GET', /^\/packaging_configurations$/, listPackagingConfigurations],
  ['GET', /^\/packaging_configurations\/([^/]+)$/, describePackagingConfiguration],
  ['DELETE', /^\/packaging_configurations\/([^/]+)$/, deletePackagingConfiguration],
  ['POST', /^\/assets$/, createAsset],
  ['GET', /^\/assets$/, listAssets],
  ['GET', /^\/assets\/([^/]+)$/, describeAsset],
  ['DELETE', /^\/assets\/([^/]+)$/, deleteAsset],
  ['GET', /^\/tags\/([^/]+)$/, listTagsForResource],
  ['POST', /^\/tags\/([^/]+)$/, tagResource],
  ['DELETE', /^\/tags\/([^/]+)$/, untagResource],
];

export function createApiHandler(context: ApiContext) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      for (const [method, pattern, handler] of ROUTES) {
        const match = pattern.exec(url.pathname);
        if (!match || req.method !== method) continue;
        const params = match.slice(1).map((param) => decodeURIComponent(param));
        const reply = await handler(context, { params, query: url.searchParams, body: () => readJsonBody(req) });
        sendJson(res, reply.status, reply.body);
        return;
      }
      throw new NotFoundError('Resource', `${req.method ?? ''} ${url.pathname}`);
    } catch (error) {
      if (error instanceof VodApiError) {
        sendError(res, error);
        return;
      }
      context.log(`[mediapackage-vod] ${req.method ?? ''} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`);
      sendError(res, new VodApiError('InternalServerErrorException', 'internal error', { cause: error }));
    }
  };
}
