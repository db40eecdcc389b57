// What every benchmark under bench/ gives the runner (`npm run bench`): figures, each next to a
// baseline measured in the same run, so a result reads as a ratio that holds on any machine.
// A benchmark is a module exporting `benchmark: Benchmark`; the runner prints and records them.

export interface BenchOptions {
  /** Tiny sizes: the CI smoke run checks that the benchmark works, not how fast it is. */
  smoke: boolean;
  /** Progress lines while it runs (the runner prefixes the benchmark's name). */
  log: (line: string) => void;
}

/** One figure: what was measured, its value, and the baseline it is judged against. */
export interface BenchFigure {
  /** e.g. "createClip -> READY push, 60 s range, p95". */
  what: string;
  value: number;
  /** e.g. "ms", "req/s", "MiB", "x". */
  unit: string;
  /** What the baseline is, e.g. "bare graphql-js + AWS SDK server on the same table". */
  baseline: string;
  baselineValue: number;
  /** The goal, as the issue states it, when there is one (e.g. "<= 1.2x", "p50 <= 150 ms"). */
  goal?: string;
  /** Whether the goal is met, when there is one. */
  met?: boolean;
}

export interface BenchResult {
  figures: BenchFigure[];
  /** Further lines for the report: breakdowns, notes on how it was measured. */
  notes?: string[];
}

export interface Benchmark {
  /** Short name, used on the command line: `npm run bench -- harvest`. */
  name: string;
  /** One sentence: what a user waits on that this measures. */
  title: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/** value / baselineValue, the number a figure is read by. */
export function ratio(figure: Pick<BenchFigure, 'value' | 'baselineValue'>): number {
  return figure.baselineValue === 0 ? Number.POSITIVE_INFINITY : figure.value / figure.baselineValue;
}
