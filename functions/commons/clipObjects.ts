// A clip's harvested files in the clips bucket (`<competition>/<clipId>/`, clips.ts): listed and
// deleted in batches, as ListObjectsV2 and DeleteObjects allow at most 1,000 keys a call
// (Amazon S3 API Reference). Deleting keys that are gone succeeds, so a removal can run again.
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { ObjectSettings } from '../../contracts/handlerEnvironment.ts';
import { clipPrefixFor, type ClipKey } from './clips.ts';
import type { ClientConfig } from './config.ts';
import { ClipObjectsError, messageOf } from './errors.ts';

export class ClipObjects {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  /** Deletes every file of the clip; answers how many there were. */
  async deleteAll(clip: ClipKey): Promise<number> {
    const prefix = clipPrefixFor(clip);
    let deleted = 0;
    try {
      // Each pass lists from the start: the keys of the previous page are gone.
      for (;;) {
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000 }));
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length === 0) return deleted;
        const result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
        const failed = result.Errors ?? [];
        if (failed.length > 0) {
          throw new Error(`${failed.length} files were not deleted, first ${failed[0]?.Key}: ${failed[0]?.Code} ${failed[0]?.Message}`);
        }
        deleted += keys.length;
      }
    } catch (error) {
      throw new ClipObjectsError(`Deleting the files of clip ${clip.clipId} under s3://${this.bucket}/${prefix} failed: ${messageOf(error)}`, clip.clipId, {
        cause: error,
      });
    }
  }
}

export function clipObjects(config: ObjectSettings, client: ClientConfig = {}): ClipObjects {
  return new ClipObjects(
    new S3Client({ ...client, ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}) }),
    config.clipsBucket,
  );
}
