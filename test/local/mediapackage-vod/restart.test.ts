import {
  CreateAssetCommand,
  CreatePackagingConfigurationCommand,
  CreatePackagingGroupCommand,
  DescribeAssetCommand,
  DescribePackagingConfigurationCommand,
  DescribePackagingGroupCommand,
  DeletePackagingConfigurationCommand,
  ListAssetsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-mediapackage-vod';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetRecord } from '../../../local/mediapackage-vod/types.ts';
import { putHarvestedSource, type HarvestedSource } from './harvested-source.ts';
import { startHarness, waitFor, type Harness } from './harness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/MediaPackageVodSourceRole';

async function statuses(h: Harness, id: string): Promise<string[]> {
  const asset = await h.client.send(new DescribeAssetCommand({ Id: id }));
  return (asset.EgressEndpoints ?? []).map((endpoint) => endpoint.Status ?? '');
}

/** The file an asset is kept in, found by what it holds: its name is the store's business. */
async function assetFile(dataDir: string, id: string): Promise<{ file: string; asset: AssetRecord }> {
  const dir = path.join(dataDir, 'assets');
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const asset = JSON.parse(await readFile(file, 'utf8')) as AssetRecord;
    if (asset.id === id) return { file, asset };
  }
  throw new Error(`no file holds asset '${id}'`);
}

describe('persistence across restarts', () => {
  let h: Harness;
  let source: HarvestedSource;

  beforeAll(async () => {
    h = await startHarness();
    source = await putHarvestedSource(h.objectStore, 'clips', 'harvest/restart/clip');
    await h.client.send(new CreatePackagingGroupCommand({ Id: 'vod' }));
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'hls', PackagingGroupId: 'vod', HlsPackage: { HlsManifests: [{ ManifestName: 'index' }] } }));
  });

  afterAll(async () => {
    await h.close();
  });

  it('keeps groups, configurations and playable assets, and still serves them, after a restart', async () => {
    const created = await h.client.send(new CreateAssetCommand({ Id: 'kept', PackagingGroupId: 'vod', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    await waitFor(async () => ((await statuses(h, 'kept')).every((status) => status === 'PLAYABLE') ? true : undefined));
    const before = await (await fetch(created.EgressEndpoints?.[0]?.Url ?? '')).text();

    await h.restart();

    expect(await h.client.send(new DescribePackagingGroupCommand({ Id: 'vod' }))).toMatchObject({ Id: 'vod', ApproximateAssetCount: 1 });
    expect(await h.client.send(new DescribePackagingConfigurationCommand({ Id: 'hls' }))).toMatchObject({ Id: 'hls', PackagingGroupId: 'vod' });
    expect(await statuses(h, 'kept')).toEqual(['PLAYABLE']);
    // A new port after the restart: the egress URL follows the service, its path stays.
    const url = (await h.client.send(new DescribeAssetCommand({ Id: 'kept' }))).EgressEndpoints?.[0]?.Url ?? '';
    expect(url.startsWith(`${h.vod.egressBaseUrl}/out/v1/`)).toBe(true);
    expect(new URL(url).pathname).toBe(new URL(created.EgressEndpoints?.[0]?.Url ?? '').pathname);
    const after = await fetch(url);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe(before);
  });

  it('finishes on the next start an asset a stop or crash left QUEUED or PROCESSING, never leaving it stuck', async () => {
    // A long pause before ingest: the stop lands while the asset waits its turn.
    await h.restart({ ingestDelayMs: 60_000 });
    await h.client.send(new CreateAssetCommand({ Id: 'interrupted', PackagingGroupId: 'vod', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    expect(await statuses(h, 'interrupted')).toEqual(['QUEUED']);

    const eventsBefore = h.events.length;
    await h.restart({ ingestDelayMs: 0 }, async (dataDir) => {
      // What a crash in the middle of packaging leaves: the asset PROCESSING, a half-built output.
      const { file, asset } = await assetFile(dataDir, 'interrupted');
      for (const endpoint of asset.egressEndpoints) {
        endpoint.status = 'PROCESSING';
        const building = path.join(dataDir, 'egress', asset.egressKey, `${endpoint.configKey}.building`);
        await mkdir(building, { recursive: true });
        await writeFile(path.join(building, 'segment_1_1.ts'), 'half a segment');
      }
      await writeFile(file, JSON.stringify(asset));
    });
    expect(h.logs).toContain("[mediapackage-vod] resuming ingest of asset 'interrupted'");
    await waitFor(async () => ((await statuses(h, 'interrupted')).every((status) => status === 'PLAYABLE') ? true : undefined));
    await h.bus.idle();
    const asset = await h.client.send(new DescribeAssetCommand({ Id: 'interrupted' }));
    const resumed = h.events.slice(eventsBefore).filter((event) => event.resources[0] === asset.Arn);
    expect(resumed.map((event) => (event.detail as { event: string }).event)).toEqual(['IngestStart', 'IngestComplete', 'VodAssetPlayable']);
    const listed = await h.client.send(new ListAssetsCommand({ PackagingGroupId: 'vod' }));
    expect(listed.Assets?.map((item) => item.Id)).toEqual(['kept', 'interrupted']);
  });

  it('keeps what changes assets after their ingest: tags, an endpoint removed with its configuration', async () => {
    await h.client.send(new CreatePackagingConfigurationCommand({ Id: 'extra', PackagingGroupId: 'vod', HlsPackage: { HlsManifests: [{ ManifestName: 'extra' }] } }));
    await h.client.send(new CreateAssetCommand({ Id: 'changed', PackagingGroupId: 'vod', SourceArn: source.sourceArn, SourceRoleArn: ROLE }));
    await waitFor(async () => ((await statuses(h, 'changed')).every((status) => status === 'PLAYABLE') ? true : undefined));
    const kept = await h.client.send(new DescribeAssetCommand({ Id: 'kept' }));
    await h.client.send(new TagResourceCommand({ ResourceArn: kept.Arn, Tags: { clip: 'kept' } }));
    await h.client.send(new DeletePackagingConfigurationCommand({ Id: 'extra' }));

    await h.restart();

    expect((await h.client.send(new DescribeAssetCommand({ Id: 'kept' }))).Tags).toEqual({ clip: 'kept' });
    const changed = await h.client.send(new DescribeAssetCommand({ Id: 'changed' }));
    expect(changed.EgressEndpoints?.map((endpoint) => endpoint.PackagingConfigurationId)).toEqual(['hls']);
    const listed = await h.client.send(new ListAssetsCommand({ PackagingGroupId: 'vod' }));
    expect(listed.Assets?.map((item) => item.Id)).toEqual(['kept', 'interrupted', 'changed']);
  });
});
