import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VodStore } from '../../../local/mediapackage-vod/store.ts';
import type { AssetRecord, PackagingConfigurationRecord, PackagingGroupRecord } from '../../../local/mediapackage-vod/types.ts';

const ARN = 'arn:aws:mediapackage-vod:eu-west-1:123456789012';
const GROUP: PackagingGroupRecord = { id: 'vod', arn: `${ARN}:packaging-groups/vod`, createdAt: '2024-05-01T10:00:00.000Z', tags: {} };
const CONFIGURATION: PackagingConfigurationRecord = {
  id: 'hls',
  arn: `${ARN}:packaging-configurations/hls`,
  packagingGroupId: 'vod',
  createdAt: '2024-05-01T10:00:01.000Z',
  hlsPackage: { hlsManifests: [], includeDvbSubtitles: false, segmentDurationSeconds: 6, useAudioRenditionGroup: false },
  tags: {},
};

function asset(id: string): AssetRecord {
  return {
    id,
    arn: `${ARN}:assets/${id}`,
    packagingGroupId: 'vod',
    sourceArn: `arn:aws:s3:::clips/harvest/${id}/index.m3u8`,
    sourceRoleArn: 'arn:aws:iam::123456789012:role/MediaPackageVodSourceRole',
    // One creation time for all: creation order must not hang on the clock.
    createdAt: '2024-05-01T10:00:02.000Z',
    tags: {},
    egressKey: `key-${id}`,
    egressEndpoints: [{ packagingConfigurationId: 'hls', status: 'QUEUED', manifestPaths: [`/out/v1/key-${id}/c/index.m3u8`], configKey: 'c' }],
  };
}

/**
 * Ids whose order is neither alphabetical nor the order a directory listing is likely to give;
 * more than the store reads in one go (READ_BATCH).
 */
const IDS = Array.from({ length: 450 }, (_, index) => `clip-${(index * 7) % 450}`);

describe('VodStore', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vod-store-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function storeWithAssets(ids: string[]): Promise<VodStore> {
    const store = await VodStore.open(dataDir);
    store.packagingGroups.set(GROUP.id, structuredClone(GROUP));
    await store.saveGroups();
    for (const id of ids) await store.addAsset(asset(id));
    return store;
  }

  /** Each file's inode: a write renames a new file over the old one, so a rewritten file has a new one. */
  async function inodes(): Promise<Map<string, number>> {
    const files = ['state.json', ...(await readdir(path.join(dataDir, 'assets'))).map((name) => path.join('assets', name))];
    return new Map(await Promise.all(files.map(async (file) => [file, (await stat(path.join(dataDir, file))).ino] as const)));
  }

  it('gives back every asset after a restart, in creation order, with its last saved status', async () => {
    const store = await storeWithAssets(IDS);
    const changed = store.assets.get('clip-14');
    if (!changed) throw new Error('clip-14 not added');
    changed.egressEndpoints[0]!.status = 'PROCESSING';
    void store.saveAsset(changed);
    changed.egressEndpoints[0]!.status = 'PLAYABLE';
    void store.saveAsset(changed);
    // Deleted and made again: last in order, as a new asset.
    await store.deleteAsset('clip-7');
    await store.addAsset(asset('clip-7'));
    await store.flushed();

    const reopened = await VodStore.open(dataDir);

    expect([...reopened.assets.keys()]).toEqual([...IDS.filter((id) => id !== 'clip-7'), 'clip-7']);
    expect(reopened.assets.get('clip-14')?.egressEndpoints[0]?.status).toBe('PLAYABLE');
    expect(reopened.packagingGroups.get('vod')).toEqual(GROUP);
    await reopened.addAsset(asset('after-restart'));
    expect([...(await VodStore.open(dataDir)).assets.keys()].at(-1)).toBe('after-restart');
  });

  it('rewrites only the saved asset\'s file, not the other assets\' nor state.json', async () => {
    const store = await storeWithAssets(['first', 'second', 'third']);
    const before = await inodes();
    const second = store.assets.get('second');
    if (!second) throw new Error('second not added');

    second.tags.saved = 'yes';
    await store.saveAsset(second);

    const after = await inodes();
    const rewritten = [...after].filter(([file, inode]) => before.get(file) !== inode).map(([file]) => file);
    expect(rewritten).toHaveLength(1);
    expect((await VodStore.open(dataDir)).assets.get('second')?.tags).toEqual({ saved: 'yes' });
  });

  it('removes a deleted asset\'s file, and a save from an ingest that outlived the delete does not bring it back', async () => {
    const store = await storeWithAssets(['kept', 'deleted']);
    const deleted = store.assets.get('deleted');
    if (!deleted) throw new Error('deleted not added');

    await store.deleteAsset('deleted');
    deleted.egressEndpoints[0]!.status = 'PLAYABLE';
    await store.saveAsset(deleted);

    expect(await readdir(path.join(dataDir, 'assets'))).toHaveLength(1);
    expect([...(await VodStore.open(dataDir)).assets.keys()]).toEqual(['kept']);
  });

  it('keeps an asset whose id is as long as ids may be (256 characters, more than a file name may be)', async () => {
    const id = 'a'.repeat(256);
    await storeWithAssets([id]);

    expect([...(await VodStore.open(dataDir)).assets.keys()]).toEqual([id]);
  });

  it('opens a data directory the previous version wrote (every asset in state.json) and keeps every asset in order', async () => {
    const assets = IDS.map(asset);
    assets[3]!.egressEndpoints[0]!.status = 'PLAYABLE';
    // As the previous version wrote it, byte for byte.
    const v1 = { version: 1, packagingGroups: [GROUP], packagingConfigurations: [CONFIGURATION], assets };
    await writeFile(path.join(dataDir, 'state.json'), `${JSON.stringify(v1, null, 2)}\n`);

    const migrated = await VodStore.open(dataDir);

    for (const store of [migrated, await VodStore.open(dataDir)]) {
      expect([...store.assets.values()]).toEqual(assets);
      expect([...store.packagingGroups.values()]).toEqual([GROUP]);
      expect([...store.packagingConfigurations.values()]).toEqual([CONFIGURATION]);
    }
    expect(await readdir(path.join(dataDir, 'assets'))).toHaveLength(IDS.length);
  });
});
