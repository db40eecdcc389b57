// CreatePackagingConfiguration, DescribePackagingConfiguration, ListPackagingConfigurations,
// DeletePackagingConfiguration.
import { rm } from 'node:fs/promises';
import { outputDirOf } from '../ingest.ts';
import type { AssetRecord, EgressEndpointRecord, PackagingConfigurationRecord } from '../types.ts';
import { arnOf, page, type Handler } from './context.ts';
import { NotFoundError, UnprocessableEntityError } from './errors.ts';
import { dashPackage, hlsPackage, requiredString, resourceId, tags } from './validate.ts';
import { packagingConfigurationWire } from './wire.ts';

export const createPackagingConfiguration: Handler = async (context, request) => {
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
  await context.store.saveGroups();
  return { status: 200, body: packagingConfigurationWire(configuration) };
};

export const describePackagingConfiguration: Handler = async (context, { params: [id = ''] }) => {
  const configuration = context.store.packagingConfigurations.get(id);
  if (!configuration) throw new NotFoundError('PackagingConfiguration', id);
  return { status: 200, body: packagingConfigurationWire(configuration) };
};

export const listPackagingConfigurations: Handler = async (context, { query }) => {
  const groupId = query.get('packagingGroupId');
  const all = [...context.store.packagingConfigurations.values()].filter((configuration) => !groupId || configuration.packagingGroupId === groupId);
  const { items, nextToken } = page(all, query);
  return { status: 200, body: { packagingConfigurations: items.map(packagingConfigurationWire), nextToken } };
};

/**
 * "To remove a playback endpoint from an asset, delete the packaging configuration" (MediaPackage
 * user guide): its output goes from every asset, and its egress URLs stop playing.
 */
export const deletePackagingConfiguration: Handler = async (context, { params: [id = ''] }) => {
  if (!context.store.packagingConfigurations.delete(id)) throw new NotFoundError('PackagingConfiguration', id);
  const removed: Array<[AssetRecord, EgressEndpointRecord]> = [];
  for (const asset of context.store.assets.values()) {
    const endpoint = asset.egressEndpoints.find((candidate) => candidate.packagingConfigurationId === id);
    if (!endpoint) continue;
    asset.egressEndpoints = asset.egressEndpoints.filter((candidate) => candidate !== endpoint);
    removed.push([asset, endpoint]);
  }
  // The assets first: a crash before the configuration's deletion is on disk leaves it listed
  // and deletable again, never an asset whose endpoint names a configuration that is gone.
  await Promise.all(removed.map(([asset]) => context.store.saveAsset(asset)));
  await context.store.saveGroups();
  await Promise.all(removed.map(([asset, endpoint]) => rm(outputDirOf(context.outputRoot, asset, endpoint), { recursive: true, force: true })));
  return { status: 202 };
};
