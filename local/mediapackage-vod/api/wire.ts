// Records -> MediaPackage-VOD's JSON response shapes (internal fields dropped).
import type { AssetRecord, PackagingConfigurationRecord, PackagingGroupRecord } from '../types.ts';

export function packagingGroupWire(group: PackagingGroupRecord, domainName: string, assetCount?: number): Record<string, unknown> {
  return {
    arn: group.arn,
    id: group.id,
    createdAt: group.createdAt,
    domainName,
    ...(assetCount === undefined ? {} : { approximateAssetCount: assetCount }),
    ...(group.authorization ? { authorization: group.authorization } : {}),
    ...(group.egressAccessLogs ? { egressAccessLogs: group.egressAccessLogs } : {}),
    tags: group.tags,
  };
}

export function packagingConfigurationWire(configuration: PackagingConfigurationRecord): Record<string, unknown> {
  return {
    arn: configuration.arn,
    id: configuration.id,
    createdAt: configuration.createdAt,
    packagingGroupId: configuration.packagingGroupId,
    ...(configuration.hlsPackage ? { hlsPackage: configuration.hlsPackage } : {}),
    ...(configuration.dashPackage ? { dashPackage: configuration.dashPackage } : {}),
    tags: configuration.tags,
  };
}

export function assetShallowWire(asset: AssetRecord): Record<string, unknown> {
  return {
    arn: asset.arn,
    id: asset.id,
    createdAt: asset.createdAt,
    packagingGroupId: asset.packagingGroupId,
    ...(asset.resourceId === undefined ? {} : { resourceId: asset.resourceId }),
    sourceArn: asset.sourceArn,
    sourceRoleArn: asset.sourceRoleArn,
    tags: asset.tags,
  };
}

export function assetWire(asset: AssetRecord, egressBaseUrl: string): Record<string, unknown> {
  return {
    ...assetShallowWire(asset),
    egressEndpoints: asset.egressEndpoints.map(({ packagingConfigurationId, manifestPaths, status }) => ({
      packagingConfigurationId,
      url: `${egressBaseUrl}${manifestPaths[0] ?? ''}`,
      status,
    })),
  };
}
