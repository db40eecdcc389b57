// Groups, configurations and assets, kept in memory and written to one JSON file after every
// change. Writes go to a temporary file that is renamed over the old one, so a crash leaves
// either the previous state or the new one, never half a file.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssetRecord, PackagingConfigurationRecord, PackagingGroupRecord } from './types.ts';

interface StateFile {
  version: 1;
  packagingGroups: PackagingGroupRecord[];
  packagingConfigurations: PackagingConfigurationRecord[];
  assets: AssetRecord[];
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

export class VodStore {
  // Maps keep insertion order, which is the order List* calls return.
  readonly packagingGroups = new Map<string, PackagingGroupRecord>();
  readonly packagingConfigurations = new Map<string, PackagingConfigurationRecord>();
  readonly assets = new Map<string, AssetRecord>();
  private readonly file: string;
  private pendingWrite: Promise<void> = Promise.resolve();
  private writeCount = 0;

  private constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, 'state.json');
  }

  static async open(dataDir: string): Promise<VodStore> {
    const store = new VodStore(dataDir);
    await mkdir(dataDir, { recursive: true });
    let text: string;
    try {
      text = await readFile(store.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw error;
    }
    let state: StateFile;
    try {
      state = JSON.parse(text) as StateFile;
    } catch (error) {
      throw new StateFileError(store.file, 'not valid JSON', { cause: error });
    }
    if (state.version !== 1) throw new StateFileError(store.file, `unknown version ${String(state.version)}`);
    for (const group of state.packagingGroups) store.packagingGroups.set(group.id, group);
    for (const config of state.packagingConfigurations) store.packagingConfigurations.set(config.id, config);
    for (const asset of state.assets) store.assets.set(asset.id, asset);
    return store;
  }

  /** Writes the current state; resolves once this state (or a later one) is on disk. */
  save(): Promise<void> {
    const write = this.pendingWrite.then(() => this.writeNow());
    // A failed write must not block later ones; the caller of this save still sees the failure.
    this.pendingWrite = write.catch(() => undefined);
    return write;
  }

  private async writeNow(): Promise<void> {
    const state: StateFile = {
      version: 1,
      packagingGroups: [...this.packagingGroups.values()],
      packagingConfigurations: [...this.packagingConfigurations.values()],
      assets: [...this.assets.values()],
    };
    this.writeCount += 1;
    const tmp = `${this.file}.${process.pid}.${this.writeCount}.tmp`;
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
    await rename(tmp, this.file);
  }

  /** Resolves when every save started so far has finished. */
  flushed(): Promise<void> {
    return this.pendingWrite;
  }
}
