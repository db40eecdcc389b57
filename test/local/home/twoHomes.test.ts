// Two homes in one process (as test files and scripts start them) each run their handlers
// against their own services. The handlers' environment once went through process.env, where
// the first home's endpoints stayed and the second home's startHarvest called the first home's
// MediaPackage.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateClipDocument } from '../../../generated/operations/graphql.ts';
import { graphqlRequest } from '../../../local/client/graphqlRequest.ts';
import { startLocalHome, type LocalHome } from '../../../local/home/index.ts';

interface Started {
  home: LocalHome;
  dataDir: string;
  /** What reached this home's MediaPackage. */
  seen: { harvestRequests: number };
}

const homes: Started[] = [];

async function start(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'two-homes-'));
  const seen = { harvestRequests: 0 };
  const home = await startLocalHome({
    dataDir,
    encoders: false,
    sweepIntervalMs: 'off',
    faults: {
      // The default channel is v2's.
      mediaPackageV2: ({ method, path }) => {
        if (method === 'POST' && path.endsWith('/harvestJob')) seen.harvestRequests += 1;
        return undefined;
      },
    },
    log: () => {},
  });
  homes.push({ home, dataDir, seen });
}

beforeAll(async () => {
  await start();
  await start();
});

afterAll(async () => {
  for (const { home, dataDir } of homes) {
    await home.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

it('sends each home’s harvests to its own MediaPackage', async () => {
  for (const [index, { home }] of homes.entries()) {
    const { errors } = await graphqlRequest(home.outputs.graphql.url, home.outputs.auth.apiKey!, CreateClipDocument, {
      input: { competition: `home-${index}` },
    });
    expect(errors).toBeUndefined();
  }

  expect(homes.map((started) => started.seen.harvestRequests)).toEqual([1, 1]);
});
