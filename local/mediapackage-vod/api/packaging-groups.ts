// CreatePackagingGroup, DescribePackagingGroup, ListPackagingGroups, UpdatePackagingGroup,
// ConfigureLogs, DeletePackagingGroup.
import type { PackagingGroupRecord } from '../types.ts';
import { arnOf, assetCount, groupOf, page, type Handler } from './context.ts';
import { UnprocessableEntityError } from './errors.ts';
import { asObject, optionalString, resourceId, tags } from './validate.ts';
import { packagingGroupWire } from './wire.ts';

export const createPackagingGroup: Handler = async (context, request) => {
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
  await context.store.saveGroups();
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl) };
};

export const describePackagingGroup: Handler = async (context, { params: [id = ''] }) => {
  const group = groupOf(context, id);
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl, assetCount(context, id)) };
};

export const listPackagingGroups: Handler = async (context, { query }) => {
  const { items, nextToken } = page([...context.store.packagingGroups.values()], query);
  return {
    status: 200,
    body: { packagingGroups: items.map((group) => packagingGroupWire(group, context.egressBaseUrl, assetCount(context, group.id))), nextToken },
  };
};

export const updatePackagingGroup: Handler = async (context, request) => {
  const group = groupOf(context, request.params[0] ?? '');
  const body = await request.body();
  if (body.authorization !== undefined && body.authorization !== null) {
    throw new UnprocessableEntityError('authorization (CDN identifier secret) is not supported by the local MediaPackage-VOD');
  }
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl, assetCount(context, group.id)) };
};

export const configureLogs: Handler = async (context, request) => {
  const group = groupOf(context, request.params[0] ?? '');
  const body = await request.body();
  if (body.egressAccessLogs === undefined || body.egressAccessLogs === null) delete group.egressAccessLogs;
  else group.egressAccessLogs = { logGroupName: optionalString(asObject(body.egressAccessLogs, 'egressAccessLogs'), 'logGroupName') };
  await context.store.saveGroups();
  return { status: 200, body: packagingGroupWire(group, context.egressBaseUrl, assetCount(context, group.id)) };
};

/** "Before you can delete the packaging group, you must delete the group's packaging configurations and any assets that use the group" (MediaPackage user guide). */
export const deletePackagingGroup: Handler = async (context, { params: [id = ''] }) => {
  groupOf(context, id);
  const configurations = [...context.store.packagingConfigurations.values()].filter((configuration) => configuration.packagingGroupId === id);
  const assets = assetCount(context, id);
  if (configurations.length > 0 || assets > 0) {
    throw new UnprocessableEntityError(`PackagingGroup '${id}' still has ${configurations.length} packaging configuration(s) and ${assets} asset(s); delete them first`);
  }
  context.store.packagingGroups.delete(id);
  await context.store.saveGroups();
  return { status: 202 };
};
