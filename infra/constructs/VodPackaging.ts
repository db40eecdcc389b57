// The MediaPackage-VOD side of a clip: one packaging group and one packaging configuration per
// output format, the same outputs the local home creates (contracts/packaging.ts), so a
// handler maps a configuration id from an event back to its format in either home.
import { Stack } from 'aws-cdk-lib';
import * as mediapackage from 'aws-cdk-lib/aws-mediapackage';
import { Construct } from 'constructs';
import { assetArnPrefix } from '../../contracts/eventRules.ts';
import { PACKAGING_GROUP_ID, PACKAGING_OUTPUTS, REQUIRED_FORMAT, type PackagingOutput } from '../../contracts/packaging.ts';

export interface VodPackagingProps {
  /**
   * The packaging group's id. Ids are unique per account and region: give a second copy of the
   * stack in one account its own.
   * @default PACKAGING_GROUP_ID ('clips')
   */
  readonly groupId?: string;
  /**
   * The outputs every clip gets. One must be HLS: a clip is READY once its HLS output plays.
   * @default PACKAGING_OUTPUTS (HLS and DASH, 6 s segments)
   */
  readonly outputs?: readonly PackagingOutput[];
}

export class VodPackagingError extends Error {
  override readonly name = 'VodPackagingError';
}

// MediaPackage-VOD's id rule for groups and configurations.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export class VodPackaging extends Construct {
  readonly group: mediapackage.CfnPackagingGroup;
  readonly configurations: readonly mediapackage.CfnPackagingConfiguration[];
  readonly groupId: string;
  /** Every MediaPackage-VOD asset of this account and region: asset ids are the handlers' to choose. */
  readonly assetArnPattern: string;
  /** Prefix of the asset ARNs, for event patterns. */
  readonly assetArnPrefix: string;

  constructor(scope: Construct, id: string, props: VodPackagingProps = {}) {
    super(scope, id);
    this.groupId = props.groupId ?? PACKAGING_GROUP_ID;
    const outputs = props.outputs ?? PACKAGING_OUTPUTS;
    validate(this.groupId, outputs);

    this.group = new mediapackage.CfnPackagingGroup(this, 'Group', { id: this.groupId });
    this.configurations = outputs.map((output) => {
      const configuration = new mediapackage.CfnPackagingConfiguration(this, `Configuration-${output.id}`, {
        id: output.id,
        packagingGroupId: this.groupId,
        ...packageFor(output),
      });
      configuration.node.addDependency(this.group);
      return configuration;
    });

    const stack = Stack.of(this);
    this.assetArnPrefix = assetArnPrefix({ partition: stack.partition, region: stack.region, account: stack.account });
    this.assetArnPattern = `${this.assetArnPrefix}*`;
  }
}

function validate(groupId: string, outputs: readonly PackagingOutput[]): void {
  if (!ID_PATTERN.test(groupId)) {
    throw new VodPackagingError(`groupId '${groupId}' must be 1-128 letters, digits, '_' or '-'`);
  }
  const seen = new Set<string>();
  for (const output of outputs) {
    if (!ID_PATTERN.test(output.id)) {
      throw new VodPackagingError(`packaging configuration id '${output.id}' must be 1-128 letters, digits, '_' or '-'`);
    }
    if (seen.has(output.id)) throw new VodPackagingError(`packaging configuration id '${output.id}' is listed twice: ids must be unique`);
    seen.add(output.id);
    if (!Number.isInteger(output.segmentDurationSeconds) || output.segmentDurationSeconds < 1) {
      throw new VodPackagingError(`output ${output.id}: segmentDurationSeconds must be a whole number >= 1`);
    }
  }
  if (!outputs.some((output) => output.format === REQUIRED_FORMAT)) {
    throw new VodPackagingError(`outputs need one ${REQUIRED_FORMAT} configuration: clips become READY when it is playable`);
  }
}

// The same manifest settings the local home creates its configurations with
// (local/home/vodPackaging.ts): program date times every minute, no ad markers.
function packageFor(output: PackagingOutput): Pick<mediapackage.CfnPackagingConfigurationProps, 'hlsPackage' | 'dashPackage'> {
  switch (output.format) {
    case 'HLS':
      return {
        hlsPackage: {
          segmentDurationSeconds: output.segmentDurationSeconds,
          hlsManifests: [{ manifestName: output.manifestName, programDateTimeIntervalSeconds: 60, adMarkers: 'NONE' }],
        },
      };
    case 'DASH':
      return {
        dashPackage: {
          segmentDurationSeconds: output.segmentDurationSeconds,
          dashManifests: [{ manifestName: output.manifestName }],
        },
      };
  }
}
