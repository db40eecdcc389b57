/**
 * API under load: clipsByCompetition (a page of 20) and createClip at rising concurrency, driven
 * by autocannon, against the local home's API and, in the same run, against a bare graphql-js +
 * AWS SDK server making the same DynamoDB (and MediaPackage) calls on the same DynamoDB server
 * and table (bench/support/bareGraphqlServer.ts). Goals (issue 14): clipsByCompetition at 8
 * concurrent p99 <= 1.2x the bare server and throughput >= 0.8x; createClip round trip p50 <= 30 ms.
 *
 * The load comes from autocannon's worker thread, so the client does not share the servers' event
 * loop; the servers share one process, as the home's API and its DynamoDB server do.
 *
 *   npx tsx bench/api.ts [--smoke]
 */
import './support/quietHandlers.ts';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { print } from 'graphql';
import { ClipsByCompetitionDocument, CreateClipDocument } from '../generated/operations/graphql.ts';
import type { BenchFigure, BenchOptions, BenchResult, Benchmark } from './benchmark.ts';
import { startApiHome } from './support/apiHome.ts';
import { startBareGraphqlServer } from './support/bareGraphqlServer.ts';
import { round } from './support/stats.ts';

const LIBRARY = 'bench-library';
const LIBRARY_CLIPS = 40;
const BASELINE = 'bare graphql-js + AWS SDK server, same calls, same table';

interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

interface Operation {
  name: 'clipsByCompetition' | 'createClip';
  body: (server: 'api' | 'bare') => string;
}

const OPERATIONS: Operation[] = [
  {
    name: 'clipsByCompetition',
    body: () => JSON.stringify({ query: print(ClipsByCompetitionDocument), variables: { competition: LIBRARY, limit: 20 } }),
  },
  {
    name: 'createClip',
    // Each server clips its own competition, so the library each one writes stays its own.
    body: (server) => JSON.stringify({ query: print(CreateClipDocument), variables: { input: { competition: `bench-create-${server}`, title: 'bench' } } }),
  },
];

async function load(url: string, apiKey: string, body: string, connections: number, seconds: number): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body,
    connections,
    duration: seconds,
    workers: 1,
  });
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** One request first: a server that answers errors would otherwise look fast. */
async function checkAnswers(url: string, apiKey: string, body: string, field: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body });
  const result = (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  if (!response.ok || result.errors?.length || !result.data?.[field]) {
    throw new Error(`${url} answered ${field} with ${JSON.stringify(result).slice(0, 500)}`);
  }
}

export const benchmark: Benchmark = {
  name: 'api',
  title: 'How fast the API lists a library and creates a clip as more apps call at once, next to a bare graphql-js server',
  async run({ smoke, log }: BenchOptions): Promise<BenchResult> {
    const concurrencies = smoke ? [1, 2] : [1, 8, 32];
    const seconds = smoke ? 1 : 4;
    const warmupSeconds = smoke ? 0 : 1;
    const api = await startApiHome();
    const { home } = api;
    const bare = await startBareGraphqlServer({
      dynamodbEndpoint: home.dynamodbEndpoint,
      mediaPackageEndpoint: api.mediaPackage.endpoint,
      region: home.api.region,
      credentials: { accessKeyId: home.api.credentials.iam.accessKeyId, secretAccessKey: home.api.credentials.iam.secretAccessKey },
      tableName: home.api.clipsTable,
      apiKey: api.apiKey,
      originEndpointId: api.originEndpointId,
    });
    const urls = { api: home.api.graphqlUrl, bare: bare.url };
    const figures: BenchFigure[] = [];
    const notes: string[] = [];
    try {
      log(`seeding ${LIBRARY_CLIPS} clips in ${LIBRARY}`);
      const seed = JSON.stringify({ query: print(CreateClipDocument), variables: { input: { competition: LIBRARY, title: 'seed' } } });
      for (let i = 0; i < LIBRARY_CLIPS; i += 1) await checkAnswers(urls.api, api.apiKey, seed, 'createClip');

      for (const operation of OPERATIONS) {
        for (const server of ['api', 'bare'] as const) await checkAnswers(urls[server], api.apiKey, operation.body(server), operation.name);
        for (const connections of concurrencies) {
          const measured = {} as Record<'api' | 'bare', Load>;
          // Alternate which server goes first, so neither always meets a warmer machine.
          const order = connections % 2 === 0 ? (['bare', 'api'] as const) : (['api', 'bare'] as const);
          for (const server of order) {
            if (warmupSeconds) await load(urls[server], api.apiKey, operation.body(server), connections, warmupSeconds);
            measured[server] = await load(urls[server], api.apiKey, operation.body(server), connections, seconds);
          }
          const { api: ours, bare: base } = measured;
          log(
            `${operation.name} x${connections}: api ${round(ours.rps)} req/s p50 ${ours.p50} p99 ${ours.p99} ms; ` +
              `bare ${round(base.rps)} req/s p50 ${base.p50} p99 ${base.p99} ms`,
          );
          if (ours.failures || base.failures) notes.push(`${operation.name} x${connections}: failed requests api ${ours.failures}, bare ${base.failures}`);
          const isGoalPoint = operation.name === 'clipsByCompetition' && connections === 8;
          const p99Goal = isGoalPoint ? { goal: '<= 1.2x', met: ours.p99 <= 1.2 * base.p99 } : {};
          const rpsGoal = isGoalPoint ? { goal: '>= 0.8x', met: ours.rps >= 0.8 * base.rps } : {};
          const p50Goal = operation.name === 'createClip' && connections === 1 ? { goal: 'p50 <= 30 ms', met: ours.p50 <= 30 } : {};
          const what = `${operation.name}, ${connections} concurrent`;
          figures.push(
            { what: `${what}, throughput`, value: round(ours.rps), unit: 'req/s', baseline: BASELINE, baselineValue: round(base.rps), ...rpsGoal },
            { what: `${what}, p50`, value: ours.p50, unit: 'ms', baseline: BASELINE, baselineValue: base.p50, ...p50Goal },
            { what: `${what}, p99`, value: ours.p99, unit: 'ms', baseline: BASELINE, baselineValue: base.p99, ...p99Goal },
          );
        }
      }
      notes.push(`${seconds} s per point after ${warmupSeconds} s of warm-up; autocannon in a worker thread; a clip library of ${LIBRARY_CLIPS}, pages of 20.`);
      return { figures, notes };
    } finally {
      // autocannon stops at its time with requests still in the servers; let them finish first.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await bare.stop();
      await api.stop();
    }
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchmark.run({ smoke: process.argv.includes('--smoke'), log: (line) => console.log(`[api] ${line}`) });
  for (const figure of result.figures) {
    console.log(`${figure.what}: ${figure.value} ${figure.unit} vs ${figure.baselineValue} (${round(figure.value / figure.baselineValue)}x)${figure.goal ? ` goal ${figure.goal} ${figure.met ? 'met' : 'NOT met'}` : ''}`);
  }
  for (const note of result.notes ?? []) console.log(note);
}
