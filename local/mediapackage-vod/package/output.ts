// A configuration's output appears all at once: it is built beside its final directory and
// renamed into place, so egress never serves half an output and a crash leaves only a
// `.building` directory that the next attempt clears.
import { mkdir, rename, rm } from 'node:fs/promises';

export class PackagingError extends Error {
  override readonly name = 'PackagingError';
  constructor(
    readonly packagingConfigurationId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`PackagingConfiguration '${packagingConfigurationId}': ${reason}`, options);
  }
}

export async function buildOutput<T>(outDir: string, build: (dir: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const building = `${outDir}.building`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  try {
    const result = await build(building);
    signal?.throwIfAborted();
    await rm(outDir, { recursive: true, force: true });
    await rename(building, outDir);
    return result;
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
}

/** What a packager returns: the manifest file names, one per manifest of the configuration, in order. */
export interface PackagedOutput {
  manifests: string[];
}
