// Creates the clips packaging group and its configurations on the local MediaPackage-VOD through
// its real API, once: a second start finds them and leaves them as they are.
import {
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DescribePackagingConfigurationCommand,
  DescribePackagingGroupCommand,
  MediaPackageVodClient,
  NotFoundException,
} from '@aws-sdk/client-mediapackage-vod';
import { PACKAGING_GROUP_ID, PACKAGING_OUTPUTS, type PackagingOutput } from '../../contracts/packaging.ts';

async function exists(lookup: () => Promise<unknown>): Promise<boolean> {
  try {
    await lookup();
    return true;
  } catch (error) {
    if (error instanceof NotFoundException) return false;
    throw error;
  }
}

function packageOf(output: PackagingOutput) {
  return output.format === 'HLS'
    ? {
        HlsPackage: {
          HlsManifests: [{ ManifestName: output.manifestName, ProgramDateTimeIntervalSeconds: 60, AdMarkers: 'NONE' as const }],
          SegmentDurationSeconds: output.segmentDurationSeconds,
        },
      }
    : {
        DashPackage: {
          DashManifests: [{ ManifestName: output.manifestName }],
          SegmentDurationSeconds: output.segmentDurationSeconds,
        },
      };
}

export async function ensureVodPackaging(client: MediaPackageVodClient): Promise<void> {
  if (!(await exists(() => client.send(new DescribePackagingGroupCommand({ Id: PACKAGING_GROUP_ID }))))) {
    await client.send(new CreatePackagingGroupCommand({ Id: PACKAGING_GROUP_ID }));
  }
  for (const output of PACKAGING_OUTPUTS) {
    if (await exists(() => client.send(new DescribePackagingConfigurationCommand({ Id: output.id })))) continue;
    await client.send(
      new CreatePackagingConfigurationCommand({ Id: output.id, PackagingGroupId: PACKAGING_GROUP_ID, ...packageOf(output) }),
    );
  }
}
