// CreateAsset, DescribeAsset, ListAssets, DeleteAsset.
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { fromS3Arn } from '../../objectstore/index.ts';
import { EGRESS_PREFIX } from '../egress.ts';
import { outputDirOf } from '../ingest.ts';
import type { AssetRecord, EgressEndpointRecord, PackagingConfigurationRecord } from '../types.ts';
import { arnOf, assetCount, page, type Handler } from './context.ts';
import { NotFoundError, UnprocessableEntityError } from './errors.ts';
import { optionalString, requiredString, resourceId, roleArn, tags } from './validate.ts';
import { assetShallowWire, assetWire } from './wire.ts';

function egressEndpoint(egressKey: string, configuration: PackagingConfigurationRecord): EgressEndpointRecord {
  // Stable per configuration ARN: the same configuration has the same path under every asset.
  const configKey = createHash('sha256').update(configuration.arn).digest('hex').slice(0, 32);
  const base = `${EGRESS_PREFIX}${egressKey}/${configKey}`;
  const manifestPaths = configuration.dashPackage
    ? configuration.dashPackage.dashManifests.map((manifest) => `${base}/${manifest.manifestName}.mpd`)
    : (configuration.hlsPackage?.hlsManifests ?? []).map((manifest) => `${base}/${manifest.manifestName}.m3u8`);
  return { packagingConfigurationId: configuration.id, status: 'QUEUED', manifestPaths, configKey };
}

export const createAsset: Handler = async (context, request) => {
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
  // The quota's documented wording is "Resource limit exceeded" (MediaPackage user guide, "VOD
  // content quotas"); which exception AWS answers it with is not documented.
  const held = assetCount(context, packagingGroupId);
  if (held >= context.assetQuota) {
    throw new UnprocessableEntityError(
      `Resource limit exceeded: packaging group '${packagingGroupId}' holds ${held} assets, its quota of assets per packaging group`,
    );
  }
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
  await context.store.addAsset(asset);
  // The answer is taken before ingest may touch the record: CreateAsset reports QUEUED, as on AWS.
  const reply = { status: 200, body: assetWire(asset, context.egressBaseUrl) };
  context.ingest.enqueue(id);
  return reply;
};

export const describeAsset: Handler = async (context, { params: [id = ''] }) => {
  const asset = context.store.assets.get(id);
  if (!asset) throw new NotFoundError('Asset', id);
  return { status: 200, body: assetWire(asset, context.egressBaseUrl) };
};

export const listAssets: Handler = async (context, { query }) => {
  const groupId = query.get('packagingGroupId');
  const all = [...context.store.assets.values()].filter((asset) => !groupId || asset.packagingGroupId === groupId);
  const { items, nextToken } = page(all, query);
  return { status: 200, body: { assets: items.map(assetShallowWire), nextToken } };
};

export const deleteAsset: Handler = async (context, { params: [id = ''] }) => {
  const asset = context.store.assets.get(id);
  if (!asset) throw new NotFoundError('Asset', id);
  await context.store.deleteAsset(id);
  await rm(outputDirOf(context.outputRoot, asset), { recursive: true, force: true });
  context.log(`[mediapackage-vod] deleted asset '${id}' and its packaged output`);
  return { status: 202 };
};
