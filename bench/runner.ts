// Finds the benchmarks (every bench/*.ts exporting `benchmark`, so a new one plugs in without
// editing this file), runs them one after the other, and renders their figures as a table with
// each figure's ratio against its same-run baseline and its goal.
import { readdir } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findFfmpeg } from '../local/ffmpeg/index.ts';
import { ratio, type Benchmark, type BenchFigure, type BenchResult } from './benchmark.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export class UnknownBenchmarkError extends Error {
  override readonly name = 'UnknownBenchmarkError';
  constructor(readonly unknown: string[], readonly known: string[]) {
    super(`no benchmark named ${unknown.join(', ')}: there are ${known.join(', ')}`);
  }
}

function isBenchmark(value: unknown): value is Benchmark {
  const candidate = value as Partial<Benchmark> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.run === 'function';
}

/** Every benchmark under bench/, by file name order; `names` keeps those named (all when empty). */
export async function discoverBenchmarks(names: readonly string[] = []): Promise<Benchmark[]> {
  // run.ts is the command that imports this module: importing it back would run it again.
  const files = (await readdir(BENCH_DIR)).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'run.ts').sort();
  const found: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as { benchmark?: unknown };
    if (isBenchmark(module.benchmark)) found.push(module.benchmark);
  }
  const unknown = names.filter((name) => !found.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) throw new UnknownBenchmarkError(unknown, found.map((benchmark) => benchmark.name));
  return names.length === 0 ? found : found.filter((benchmark) => names.includes(benchmark.name));
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  ffmpeg: string;
  /** The 1-minute load average when the run began: other work on the machine skews every figure. */
  load: number;
}

export async function describeMachine(): Promise<Machine> {
  const ffmpeg = await findFfmpeg().catch(() => undefined);
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    ffmpeg: ffmpeg ? `${ffmpeg.version ?? '?'} (${ffmpeg.origin})` : 'none found',
    load: loadavg()[0] ?? 0,
  };
}

export function describe(machine: Machine): string {
  return `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ffmpeg ${machine.ffmpeg}`;
}

export interface BenchRun {
  benchmark: Benchmark;
  seconds: number;
  result?: BenchResult;
  error?: unknown;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function goalCell(figure: BenchFigure): string {
  if (!figure.goal) return '';
  return `${figure.goal} ${figure.met === undefined ? '' : figure.met ? '(met)' : '(NOT met)'}`.trim();
}

/** One markdown table row per figure; the same text goes to the terminal and the results file. */
export function figureRows(run: BenchRun): string[] {
  return (run.result?.figures ?? []).map(
    (figure) =>
      `| ${run.benchmark.name} | ${figure.what} | ${formatNumber(figure.value)} ${figure.unit} | ` +
      `${figure.baseline}: ${formatNumber(figure.baselineValue)} ${figure.unit} | ${formatNumber(ratio(figure))}x | ${goalCell(figure)} |`,
  );
}

export const TABLE_HEADER = ['| benchmark | figure | value | baseline (same run) | ratio | goal |', '|---|---|---|---|---|---|'];

export function renderReport(runs: readonly BenchRun[], machine: Machine, options: { smoke: boolean; date: Date }): string {
  const lines = [
    `# Benchmarks, ${options.date.toISOString()}${options.smoke ? ' (smoke run: tiny sizes, figures mean nothing)' : ''}`,
    '',
    `Machine: ${describe(machine)}; load average ${machine.load.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.`,
    '',
    ...TABLE_HEADER,
    ...runs.flatMap(figureRows),
    '',
  ];
  for (const run of runs) {
    lines.push(`## ${run.benchmark.name}: ${run.benchmark.title}`, '', `Took ${run.seconds.toFixed(0)} s.`, '');
    if (run.error !== undefined) lines.push(`FAILED: ${run.error instanceof Error ? (run.error.stack ?? run.error.message) : String(run.error)}`, '');
    for (const note of run.result?.notes ?? []) lines.push(note);
    if (run.result?.notes?.length) lines.push('');
  }
  return lines.join('\n');
}

export async function runBenchmark(benchmark: Benchmark, options: { smoke: boolean; log: (line: string) => void }): Promise<BenchRun> {
  const started = performance.now();
  try {
    const result = await benchmark.run({ smoke: options.smoke, log: (line) => options.log(`[${benchmark.name}] ${line}`) });
    return { benchmark, seconds: (performance.now() - started) / 1000, result };
  } catch (error) {
    return { benchmark, seconds: (performance.now() - started) / 1000, error };
  }
}
