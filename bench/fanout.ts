/**
 * Fan-out and memory: 1,000 and 10,000 subscribers of one competition, from publishClipUpdate
 * (the backend's IAM-signed mutation) to the last subscriber's delivery, next to a bare `ws`
 * server broadcasting the same messages to the same clients in the same run
 * (bench/support/bareBroadcaster.ts). And the peak resident memory of the whole home (its process
 * and its encoder's) while 10,000 subscribers are connected and pushed to, next to the same home
 * idle with none. Goals (issue 14): 1,000 subscribers p99 <= 50 ms; 10,000 work with p99 <= 500 ms;
 * memory <= 400 MiB with 10,000.
 *
 * Subscribers: each connection carries two subscriptions, onClipReady and onClipUpdated of the
 * competition (as the player page does), so N subscribers are N/2 WebSocket connections; the
 * clients run in two processes of their own, well inside the file-descriptor limit (the home holds
 * N/2 sockets). Every publish is of a READY clip, which both subscriptions receive.
 *
 *   npx tsx bench/fanout.ts [--smoke]
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import { signedGraphqlClient } from '../functions/commons/signedGraphql.ts';
import { OnClipReadyDocument, OnClipUpdatedDocument, PublishClipUpdateDocument } from '../generated/operations/graphql.ts';
import type { BenchFigure, BenchOptions, BenchResult, Benchmark } from './benchmark.ts';
import { forkChild, type Child } from './support/child.ts';
import type { ClientCommand, ClientReport, Server, StartMessage } from './support/fanoutClients.ts';
import type { HomeChildOptions, HomeReady } from './support/homeChild.ts';
import { sampleTreeRss } from './support/processTree.ts';
import { percentile, round } from './support/stats.ts';

const COMPETITION = 'bench-fanout';
const CLIENT_PROCESSES = 2;
const SUBSCRIPTIONS_PER_CONNECTION = 2;
const MIB = 1024 * 1024;
const now = () => performance.timeOrigin + performance.now();
const BASELINE = 'bare ws server broadcasting the same messages to the same clients';

type ClientChild = Child<ClientReport>;

interface RoundTimes {
  /** Publish sent -> last delivery. */
  latency: number;
  /** First delivery -> last. */
  spread: number;
}

function isReport<T extends ClientReport['type']>(type: T, server: Server) {
  return (message: ClientReport): message is Extract<ClientReport, { type: T }> => message.type === type && 'server' in message && message.server === server;
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function readyClip(round: number) {
  const end = new Date(Date.now() - 5_000);
  const start = new Date(end.getTime() - 10_000);
  const clipId = `${start.toISOString().replace(/[-:.]/g, '')}-BENCH${String(round).padStart(11, '0')}`;
  return {
    competition: COMPETITION,
    clipId,
    status: 'READY' as const,
    startTime: start.toISOString(),
    endTime: end.toISOString(),
    durationSeconds: 10,
    title: 'Fan-out',
    description: 'A clip every subscriber of the competition receives',
    manifests: [{ format: 'HLS' as const, url: `http://127.0.0.1:1/out/v1/${clipId}/index.m3u8` }],
    previewUrl: null,
    failureReason: null,
    createdBy: 'bench',
    createdAt: start.toISOString(),
    updatedAt: new Date().toISOString(),
  };
}

/** Arms every client process for `perClient[i]` messages, runs `publish`, and times the round. */
async function timeRound(clients: ClientChild[], server: Server, perClient: number[], publish: () => Promise<unknown>) {
  await Promise.all(
    clients.map((client, i) => {
      const armed = client.next(isReport('armed', server));
      client.send({ type: 'expect', server, count: perClient[i] as number } satisfies ClientCommand);
      return armed;
    }),
  );
  const delivered = Promise.all(clients.map((client) => client.next(isReport('delivered', server), 60_000)));
  const sentAt = now();
  await publish();
  const reports = await delivered;
  const last = Math.max(...reports.map((report) => report.last));
  const first = Math.min(...reports.map((report) => report.first));
  return { times: { latency: last - sentAt, spread: last - first } satisfies RoundTimes, samples: Object.assign({}, ...reports.map((report) => report.samples)) as Record<string, unknown> };
}

function figuresOf(size: number, ours: RoundTimes[], base: RoundTimes[]): BenchFigure[] {
  const goal = size >= 10_000 ? { text: 'p99 <= 500 ms', ms: 500 } : size >= 1_000 ? { text: 'p99 <= 50 ms', ms: 50 } : undefined;
  const p99 = (rounds: RoundTimes[], key: keyof RoundTimes) => round(percentile(rounds.map((times) => times[key]), 99));
  const p50 = (rounds: RoundTimes[], key: keyof RoundTimes) => round(percentile(rounds.map((times) => times[key]), 50));
  const what = `${size.toLocaleString('en')} subscribers`;
  return [
    { what: `${what}: publish -> last delivery, p50`, value: p50(ours, 'latency'), unit: 'ms', baseline: BASELINE, baselineValue: p50(base, 'latency') },
    {
      what: `${what}: publish -> last delivery, p99`,
      value: p99(ours, 'latency'),
      unit: 'ms',
      baseline: BASELINE,
      baselineValue: p99(base, 'latency'),
      ...(goal ? { goal: goal.text, met: p99(ours, 'latency') <= goal.ms } : {}),
    },
    { what: `${what}: first -> last delivery, p99`, value: p99(ours, 'spread'), unit: 'ms', baseline: BASELINE, baselineValue: p99(base, 'spread') },
  ];
}

export const benchmark: Benchmark = {
  name: 'fanout',
  title: 'How long a clip takes to reach every subscriber of a competition, and the home\'s memory while it does',
  async run({ smoke, log }: BenchOptions): Promise<BenchResult> {
    const sizes = smoke ? [20] : [1_000, 10_000];
    const repeatsOf = (size: number) => (smoke ? 3 : size >= 10_000 ? 10 : 20);
    // Rounds run and not counted, for each server: the first publishes to a new set of
    // connections run cold (JIT, buffers), and would otherwise be the p99 of 20 rounds.
    const warmUpRounds = smoke ? 1 : 3;
    const idleSeconds = smoke ? 1 : 5;
    const figures: BenchFigure[] = [];
    const notes: string[] = [];

    const home = forkChild<HomeReady | { type: 'failed' }>('homeChild.ts', [JSON.stringify({ home: { sweepIntervalMs: 'off' } } satisfies HomeChildOptions)]);
    const bare = forkChild<{ type: 'ready'; realtimeUrl: string; publishUrl: string } | { type: 'failed' }>('bareBroadcaster.ts');
    const clients = Array.from({ length: CLIENT_PROCESSES }, () => forkChild<ClientReport>('fanoutClients.ts'));
    try {
      const homeReady = await home.next((message): message is HomeReady => message.type === 'ready');
      const bareReady = await bare.next((message): message is { type: 'ready'; realtimeUrl: string; publishUrl: string } => message.type === 'ready');
      const homePid = home.process.pid as number;

      log(`home up (pid ${homePid}); idle memory for ${idleSeconds} s`);
      const idle = sampleTreeRss(homePid);
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      const idlePeak = await idle.stop();

      const publish = signedGraphqlClient({ url: homeReady.graphqlUrl, region: homeReady.region, credentials: homeReady.iam });
      const authorization = { host: new URL(homeReady.graphqlUrl).host, 'x-api-key': homeReady.apiKey };
      const protocols = ['graphql-ws', `header-${base64Url(authorization)}`];
      const start = (id: string, query: string): StartMessage => ({
        id,
        type: 'start',
        payload: { data: JSON.stringify({ query, variables: { competition: COMPETITION } }), extensions: { authorization } },
      });
      const starts = [start('ready', print(OnClipReadyDocument)), start('updated', print(OnClipUpdatedDocument))];
      let clipNumber = 0;

      for (const size of sizes) {
        const connections = size / SUBSCRIPTIONS_PER_CONNECTION;
        const perClientConnections = clients.map((_, i) => Math.floor(connections / CLIENT_PROCESSES) + (i < connections % CLIENT_PROCESSES ? 1 : 0));
        const perClient = perClientConnections.map((count) => count * SUBSCRIPTIONS_PER_CONNECTION);
        const memory = size === Math.max(...sizes) ? sampleTreeRss(homePid) : undefined;
        const connectStarted = Date.now();
        for (const server of ['api', 'bare'] as const) {
          await Promise.all(
            clients.map((client, i) => {
              const connected = client.next(isReport('connected', server));
              const url = server === 'api' ? homeReady.realtimeUrl : bareReady.realtimeUrl;
              client.send({ type: 'connect', server, url, protocols, connections: perClientConnections[i] as number, starts } satisfies ClientCommand);
              return connected;
            }),
          );
        }
        log(`${size} subscribers on ${connections} connections to each server (${Math.round((Date.now() - connectStarted) / 1000)} s to connect)`);

        const ours: RoundTimes[] = [];
        const base: RoundTimes[] = [];
        for (let repeat = -warmUpRounds; repeat < repeatsOf(size); repeat += 1) {
          clipNumber += 1;
          const input = readyClip(clipNumber);
          const api = await timeRound(clients, 'api', perClient, () => publish(PublishClipUpdateDocument, { input }));
          if (repeat >= 0) ours.push(api.times);
          // The same payloads the API delivered, for the same subscription ids.
          const body = JSON.stringify(api.samples);
          const baseline = await timeRound(clients, 'bare', perClient, async () => {
            await (await fetch(bareReady.publishUrl, { method: 'POST', body })).text();
          });
          if (repeat >= 0) base.push(baseline.times);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const peak = memory ? await memory.stop() : undefined;
        figures.push(...figuresOf(size, ours, base));
        log(
          `${size}: publish -> last p50 ${round(percentile(ours.map((t) => t.latency), 50))} / p99 ${round(percentile(ours.map((t) => t.latency), 99))} ms ` +
            `(bare ${round(percentile(base.map((t) => t.latency), 50))} / ${round(percentile(base.map((t) => t.latency), 99))} ms)`,
        );
        if (peak !== undefined) {
          figures.push({
            what: `peak RSS of the home and its encoder, ${size.toLocaleString('en')} subscribers connected and pushed to`,
            value: round(peak / MIB),
            unit: 'MiB',
            baseline: 'the same home idle, no subscribers',
            baselineValue: round(idlePeak / MIB),
            goal: '<= 400 MiB',
            met: peak / MIB <= 400,
          });
        }
        for (const server of ['api', 'bare'] as const) {
          await Promise.all(
            clients.map((client) => {
              const closed = client.next(isReport('closed', server));
              client.send({ type: 'close', server } satisfies ClientCommand);
              return closed;
            }),
          );
        }
      }
      notes.push(
        `Each connection carries ${SUBSCRIPTIONS_PER_CONNECTION} subscriptions (onClipReady + onClipUpdated), clients in ${CLIENT_PROCESSES} processes; ` +
          `the API and the bare server alternate round by round; p99 is over ${sizes.map(repeatsOf).join(' / ')} publishes, after ${warmUpRounds} uncounted warm-up rounds each.`,
      );
      return { figures, notes };
    } finally {
      await Promise.all([...clients, bare, home].map((child) => child.stop()));
    }
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchmark.run({ smoke: process.argv.includes('--smoke'), log: (line) => console.log(`[fanout] ${line}`) });
  for (const figure of result.figures) {
    console.log(`${figure.what}: ${figure.value} ${figure.unit} vs ${figure.baselineValue} (${round(figure.value / figure.baselineValue)}x)${figure.goal ? ` goal ${figure.goal} ${figure.met ? 'met' : 'NOT met'}` : ''}`);
  }
  for (const note of result.notes ?? []) console.log(note);
}
