// The fan-out benchmark's home, in a process of its own so its memory (with its encoder's, a child
// process) is the home's alone: `npm start`'s home with its default channel and encoder, in a
// temporary directory. Answers `{ type: 'ready', ... }` with where its API is; stops on `stop`.
import './quietHandlers.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHome } from '../../local/home/index.ts';

export interface HomeReady {
  type: 'ready';
  graphqlUrl: string;
  realtimeUrl: string;
  apiKey: string;
  region: string;
  iam: { accessKeyId: string; secretAccessKey: string };
}

const dataDir = await mkdtemp(join(tmpdir(), 'clips-bench-home-'));
try {
  const home = await startLocalHome({ dataDir, sweepIntervalMs: 'off', log: () => {} });
  const { api } = home;
  const ready: HomeReady = {
    type: 'ready',
    graphqlUrl: api.graphqlUrl,
    realtimeUrl: api.realtimeUrl,
    apiKey: api.credentials.apiKey.id,
    region: api.region,
    iam: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
  };
  process.send?.(ready);
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    void home
      .stop()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .finally(() => process.exit(0));
  });
} catch (error) {
  process.send?.({ type: 'failed', message: (error as Error).stack ?? String(error) });
  await rm(dataDir, { recursive: true, force: true });
  process.exit(1);
}
