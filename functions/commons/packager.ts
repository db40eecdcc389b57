// The clip's MediaPackage-VOD asset: made from the harvested HLS in the clips bucket, packaged
// once per packaging configuration of the group. Creating is idempotent per clip (the asset id is
// derived from it): a repeated harvest-done event finds the asset already there.
import {
  CreateAssetCommand,
  DeleteAssetCommand,
  DescribeAssetCommand,
  DescribePackagingConfigurationCommand,
  MediaPackageVodClient,
  NotFoundException,
} from '@aws-sdk/client-mediapackage-vod';
import type { ManifestFormat } from '../../generated/schema.ts';
import { assetIdFor, manifestKeyFor, type ClipKey } from './clips.ts';
import type { PackagerSettings } from '../../contracts/handlerEnvironment.ts';
import type { ClientConfig } from './config.ts';
import { AssetQuotaError, messageOf, PackagingError } from './errors.ts';

export type EgressStatus = 'QUEUED' | 'PROCESSING' | 'PLAYABLE' | 'FAILED';

export interface AssetEgress {
  configurationId: string;
  status: EgressStatus;
  url: string;
}

/**
 * The quota refusal's documented wording is "Resource limit exceeded" (MediaPackage user guide,
 * "VOD content quotas"); the exception is not documented, so the wording decides, whether AWS
 * sends it as a 422 or a 429 (a plain 429 throttle says otherwise and is retried).
 */
function isQuotaRefusal(error: unknown): boolean {
  return /resource limit exceeded/i.test(messageOf(error));
}

export type HarvestedSource = ClipKey & { harvestManifestKey?: string | null };

export class Packager {
  /** A packaging configuration cannot change (only be deleted and re-made): its format is kept. */
  private readonly formats = new Map<string, Promise<ManifestFormat | undefined>>();

  constructor(
    private readonly client: MediaPackageVodClient,
    private readonly config: PackagerSettings,
  ) {}

  /**
   * The harvested manifest, where the harvest recorded it (clips harvested before that was
   * recorded are at the v1 key). S3 ARNs of objects have no region or account.
   */
  sourceArnFor(clip: HarvestedSource): string {
    return `arn:aws:s3:::${this.config.clipsBucket}/${clip.harvestManifestKey ?? manifestKeyFor(clip)}`;
  }

  async createAsset(clip: HarvestedSource): Promise<void> {
    const id = assetIdFor(clip);
    try {
      await this.client.send(
        new CreateAssetCommand({
          Id: id,
          PackagingGroupId: this.config.packagingGroupId,
          SourceArn: this.sourceArnFor(clip),
          SourceRoleArn: this.config.sourceRoleArn,
        }),
      );
    } catch (error) {
      // A repeated event: the asset was made by the first delivery.
      if ((await this.describeAsset(clip).catch(() => undefined)) !== undefined) return;
      if (isQuotaRefusal(error)) throw new AssetQuotaError(this.config.packagingGroupId, id, { cause: error });
      throw new PackagingError(`MediaPackage-VOD refused asset ${id}: ${messageOf(error)}`, id, { cause: error });
    }
  }

  /** Removes the clip's asset, if there is one: its egress URLs stop playing at once. */
  async deleteAsset(clip: ClipKey): Promise<void> {
    const id = assetIdFor(clip);
    try {
      await this.client.send(new DeleteAssetCommand({ Id: id }));
    } catch (error) {
      if (error instanceof NotFoundException) return;
      throw new PackagingError(`Deleting asset ${id} failed: ${messageOf(error)}`, id, { cause: error });
    }
  }

  /** The asset's egress endpoints, or undefined when there is no such asset. */
  async describeAsset(clip: ClipKey): Promise<AssetEgress[] | undefined> {
    const id = assetIdFor(clip);
    try {
      const asset = await this.client.send(new DescribeAssetCommand({ Id: id }));
      return (asset.EgressEndpoints ?? []).map((endpoint) => ({
        configurationId: endpoint.PackagingConfigurationId ?? '',
        status: (endpoint.Status ?? 'QUEUED') as EgressStatus,
        url: endpoint.Url ?? '',
      }));
    } catch (error) {
      if (error instanceof NotFoundException) return undefined;
      throw new PackagingError(`Describing asset ${id} failed: ${messageOf(error)}`, id, { cause: error });
    }
  }

  /** HLS, DASH or CMAF, from the configuration's package; undefined for formats clips do not list (MSS). */
  formatOf(configurationId: string): Promise<ManifestFormat | undefined> {
    let format = this.formats.get(configurationId);
    if (!format) {
      format = this.client.send(new DescribePackagingConfigurationCommand({ Id: configurationId })).then((configuration) => {
        if (configuration.HlsPackage) return 'HLS';
        if (configuration.DashPackage) return 'DASH';
        if (configuration.CmafPackage) return 'CMAF';
        return undefined;
      }, (error: unknown) => {
        throw new PackagingError(`Describing packaging configuration ${configurationId} failed: ${messageOf(error)}`, configurationId, { cause: error });
      });
      this.formats.set(configurationId, format);
      format.catch(() => this.formats.delete(configurationId));
    }
    return format;
  }
}

export function packager(config: PackagerSettings, client: ClientConfig = {}): Packager {
  return new Packager(
    new MediaPackageVodClient({ ...client, ...(config.mediaPackageVodEndpoint ? { endpoint: config.mediaPackageVodEndpoint } : {}) }),
    config,
  );
}
