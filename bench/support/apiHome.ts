// The home the API benchmark loads: the `npm start` home (startLocalHome) in a temporary
// directory, without encoders or sweeper, harvesting through the wire-level MediaPackage double the
// API suites use (test/support/mediaPackageDouble.ts): createClip under load asks for hundreds of
// harvests of ranges a just-started origin never streamed, which the local MediaPackage refuses
// as MediaPackage does. Everything the API does itself is the real home.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHome, type LocalHome } from '../../local/home/index.ts';
import { startMediaPackageDouble, type MediaPackageDouble } from '../../test/support/mediaPackageDouble.ts';

export interface ApiHome {
  home: LocalHome;
  mediaPackage: MediaPackageDouble;
  apiKey: string;
  originEndpointId: string;
  stop(): Promise<void>;
}

const ORIGIN_ENDPOINT_ID = 'live-hls';

/**
 * The benchmarks measure the API, not its per-caller limit: one caller makes clips far faster than
 * an editor may, so the limit is raised out of the way while its counting step still runs (a real
 * createClip pays for it).
 */
export const BENCH_CLIP_RATE = { limit: 1_000_000, windowSeconds: 60 };

export async function startApiHome(): Promise<ApiHome> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clips-bench-api-'));
  const mediaPackage = await startMediaPackageDouble();
  const home = await startLocalHome({
    dataDir,
    createClipRate: BENCH_CLIP_RATE,
    // A v1 channel: the double speaks MediaPackage v1's API.
    channels: [{ id: 'live', originEndpointId: ORIGIN_ENDPOINT_ID, version: 'v1' }],
    encoders: false,
    sweepIntervalMs: 'off',
    harvestApi: mediaPackage.endpoint,
    log: () => {},
  });
  return {
    home,
    mediaPackage,
    apiKey: home.api.credentials.apiKey.id,
    originEndpointId: ORIGIN_ENDPOINT_ID,
    async stop() {
      await home.stop();
      await mediaPackage.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
