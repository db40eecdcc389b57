// The `npm start` home in a process of its own, for the case that kills the whole home with
// SIGKILL: started on a data directory (and, after a kill, on the ports the first run took, which
// stored URLs name), with the fault suites' sweeper; it prints one JSON line once it serves.
//   node --import tsx homeProcess.ts <dataDir> <ports JSON>
import '../../functions/support/silentLogs.ts';
import { HANDLER_VARIABLES } from '../../../contracts/handlerEnvironment.ts';
import { startLocalHome, type LocalHomePorts } from '../../../local/home/index.ts';
import { SWEEP } from './bounds.ts';

export interface HomeProcessReady {
  graphqlUrl: string;
  apiKey: string;
  playbackUrl: string;
  ports: LocalHomePorts;
}

const [dataDir, portsJson = '{}'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: homeProcess.ts <dataDir> [<ports JSON>]');
const home = await startLocalHome({
  dataDir,
  ports: JSON.parse(portsJson) as LocalHomePorts,
  sweepIntervalMs: SWEEP.intervalMs,
  sweep: { recheckAfterSeconds: SWEEP.recheckAfterSeconds, giveUpAfterFailedRechecks: SWEEP.giveUpAfterFailedRechecks },
  eventRetry: { baseDelayMs: 50, maxDelayMs: 500 },
  startoverWindowSeconds: 300,
  log: (message) => process.stderr.write(`${message}\n`),
});
const portOf = (url: string | undefined) => Number(new URL(url ?? 'http://127.0.0.1:0').port);
const ready: HomeProcessReady = {
  graphqlUrl: home.outputs.graphql.url,
  apiKey: home.outputs.auth.apiKey ?? '',
  playbackUrl: home.channels[0]?.playbackUrl ?? '',
  ports: {
    api: portOf(home.api.graphqlUrl),
    dynamodb: portOf(home.dynamodbEndpoint),
    mediaPackage: portOf(home.mediaPackage.url),
    mediaPackageV2: portOf(home.mediaPackageV2.url),
    mediaPackageVod: portOf(home.vod.endpoint),
    objectStore: portOf(home.api.handlerEnvironment[HANDLER_VARIABLES.objects.s3Endpoint]),
  },
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
