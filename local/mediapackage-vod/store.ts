// Groups and configurations, kept in memory and written to one small JSON file (state.json) after
// every change; assets, of which a packaging group may hold 10,000, one file each, so that a clip's
// ingest rewrites its own asset and nothing else (one file of them all took 70-230 ms per save at
// 10,000 assets, its JSON.stringify holding the event loop for most of it). Every file is written
// to a temporary file that is renamed over the old one, so a crash leaves either the previous
// version or the new one, never half a file.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { mapConcurrently } from './concurrently.ts';
import type { AssetRecord, PackagingConfigurationRecord, PackagingGroupRecord } from './types.ts';

/** Version 1 held the assets too; it is migrated on open. */
interface StateFileV1 {
  version: 1;
  packagingGroups: PackagingGroupRecord[];
  packagingConfigurations: PackagingConfigurationRecord[];
  assets: AssetRecord[];
}

interface StateFile {
  version: 2;
  packagingGroups: PackagingGroupRecord[];
  packagingConfigurations: PackagingConfigurationRecord[];
}

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}

/**
 * Asset files are read with readFileSync, in batches of this many with a turn of the event loop in
 * between: 10,000 of them open in 250-400 ms where fs/promises' readFile, through libuv's 4 threads,
 * takes 1.1-1.5 s, and the event loop is never held for more than about 30 ms.
 */
const READ_BATCH = 200;

function readJson<T>(file: string): T {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StateFileError(file, 'not valid JSON', { cause: error });
  }
}

export class VodStore {
  // Maps keep insertion order, which is the order List* calls return.
  readonly packagingGroups = new Map<string, PackagingGroupRecord>();
  readonly packagingConfigurations = new Map<string, PackagingConfigurationRecord>();
  private readonly assetRecords = new Map<string, AssetRecord>();
  private readonly sequences = new Map<AssetRecord, number>();
  /** Egress serves every segment request by its URL's egress key: a lookup, not a scan of every asset. */
  private readonly byEgressKey = new Map<string, AssetRecord>();
  private nextSequence = 0;
  private readonly file: string;
  private readonly assetDir: string;
  // One queue for every file: two saves of an asset land in the order they were made, and a
  // deletion after them, so a deleted asset's file never comes back.
  private pendingWrite: Promise<void> = Promise.resolve();
  private writeCount = 0;

  private constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, 'state.json');
    this.assetDir = path.join(dataDir, 'assets');
  }

  static async open(dataDir: string): Promise<VodStore> {
    const store = new VodStore(dataDir);
    await mkdir(store.assetDir, { recursive: true });
    let state: StateFile | StateFileV1;
    try {
      state = readJson<StateFile | StateFileV1>(store.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw error;
    }
    if (state.version !== 1 && state.version !== 2) throw new StateFileError(store.file, `unknown version ${String((state as { version: unknown }).version)}`);
    for (const group of state.packagingGroups) store.packagingGroups.set(group.id, group);
    for (const config of state.packagingConfigurations) store.packagingConfigurations.set(config.id, config);
    if (state.version === 1) await store.migrate(state.assets);
    else await store.readAssets();
    return store;
  }

  /** Every asset to its own file first, then state.json without them: a crash in between migrates again. */
  private async migrate(assets: AssetRecord[]): Promise<void> {
    assets.forEach((asset, sequence) => this.remember(asset, sequence));
    await mapConcurrently(assets, (asset, sequence) => this.writeAsset(asset, sequence));
    await this.write(this.file, this.stateFile());
  }

  private async readAssets(): Promise<void> {
    const names = await readdir(this.assetDir);
    // What a crash in the middle of a write leaves behind; the renamed-over file is whole.
    const stale = names.filter((name) => name.endsWith('.tmp'));
    await mapConcurrently(stale, (name) => rm(path.join(this.assetDir, name), { force: true }));
    const sequences = names.filter((name) => name.endsWith('.json')).map((name) => Number.parseInt(name, 10));
    sequences.sort((a, b) => a - b);
    for (const [index, sequence] of sequences.entries()) {
      if (index > 0 && index % READ_BATCH === 0) await nextTurn();
      this.remember(readJson<AssetRecord>(this.assetFileOf(sequence)), sequence);
    }
  }

  private remember(asset: AssetRecord, sequence = this.nextSequence): void {
    this.assetRecords.set(asset.id, asset);
    this.sequences.set(asset, sequence);
    this.byEgressKey.set(asset.egressKey, asset);
    this.nextSequence = Math.max(this.nextSequence, sequence + 1);
  }

  /** Every asset, oldest first; changed only through `addAsset` and `deleteAsset`, which write them. */
  get assets(): ReadonlyMap<string, AssetRecord> {
    return this.assetRecords;
  }

  /** The asset whose egress URLs carry this key. */
  assetByEgressKey(egressKey: string): AssetRecord | undefined {
    return this.byEgressKey.get(egressKey);
  }

  /** Writes the packaging groups and configurations; resolves once they are on disk. */
  saveGroups(): Promise<void> {
    return this.chain(() => this.write(this.file, this.stateFile()));
  }

  addAsset(asset: AssetRecord): Promise<void> {
    this.remember(asset);
    return this.saveAsset(asset);
  }

  /**
   * Writes one asset; resolves once it, as it is now or later, is on disk. An asset deleted
   * meanwhile (an ingest that outlived a DeleteAsset) is not written back.
   */
  saveAsset(asset: AssetRecord): Promise<void> {
    const sequence = this.sequences.get(asset);
    if (sequence === undefined) return Promise.resolve();
    return this.chain(() => this.writeAsset(asset, sequence));
  }

  deleteAsset(id: string): Promise<void> {
    const asset = this.assetRecords.get(id);
    const sequence = asset && this.sequences.get(asset);
    if (!asset || sequence === undefined) return Promise.resolve();
    this.assetRecords.delete(id);
    this.sequences.delete(asset);
    this.byEgressKey.delete(asset.egressKey);
    return this.chain(() => rm(this.assetFileOf(sequence), { force: true }));
  }

  /** Resolves when every write started so far has finished. */
  flushed(): Promise<void> {
    return this.pendingWrite;
  }

  private stateFile(): string {
    const state: StateFile = {
      version: 2,
      packagingGroups: [...this.packagingGroups.values()],
      packagingConfigurations: [...this.packagingConfigurations.values()],
    };
    return JSON.stringify(state);
  }

  /**
   * An asset's file is named by its place in creation order, which List* calls keep across
   * restarts. Not by its id: an id may be 256 characters, more than a file name may be, and ids
   * that differ only in case would share a file on a case-insensitive disk (macOS, Windows).
   */
  private assetFileOf(sequence: number): string {
    return path.join(this.assetDir, `${sequence}.json`);
  }

  private writeAsset(asset: AssetRecord, sequence: number): Promise<void> {
    return this.write(this.assetFileOf(sequence), JSON.stringify(asset));
  }

  private chain(work: () => Promise<void>): Promise<void> {
    const done = this.pendingWrite.then(work);
    // A failed write must not block later ones; the caller of this one still sees the failure.
    this.pendingWrite = done.catch(() => undefined);
    return done;
  }

  private async write(file: string, body: string): Promise<void> {
    // Unique per write, so writes side by side (the migration's) never share a temporary file.
    this.writeCount += 1;
    const tmp = `${file}.${process.pid}.${this.writeCount}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, file);
  }
}
