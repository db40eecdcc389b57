/**
 * `npm run bench [-- [--smoke] [--results DIR] [name ...]]`: runs every benchmark under bench/
 * (or those named), prints each figure with its ratio against its same-run baseline and its goal,
 * and writes the table to `bench/results/<date>.md` (ignored by git). `--smoke` runs tiny sizes:
 * CI checks that every benchmark still works, not how fast it is. Exits 1 when a benchmark failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, describeMachine, discoverBenchmarks, figureRows, renderReport, runBenchmark, TABLE_HEADER, type BenchRun } from './runner.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    results: { type: 'string', default: fileURLToPath(new URL('./results', import.meta.url)) },
  },
});

// The handlers' JSON logs (Powertools) would bury the figures: warnings and errors only. The
// benchmarks' modules load below, after this is set, and their loggers read it then.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const benchmarks = await discoverBenchmarks(positionals);
const machine = await describeMachine();
const date = new Date();
console.log(`Running ${benchmarks.map((benchmark) => benchmark.name).join(', ')}${values.smoke ? ' (smoke)' : ''} on ${describe(machine)}, load average ${machine.load.toFixed(1)}`);

const runs: BenchRun[] = [];
for (const benchmark of benchmarks) {
  console.log(`\n${benchmark.name}: ${benchmark.title}`);
  const run = await runBenchmark(benchmark, { smoke: values.smoke, log: (line) => console.log(line) });
  runs.push(run);
  if (run.error !== undefined) console.log(`${benchmark.name} FAILED after ${run.seconds.toFixed(0)} s: ${run.error instanceof Error ? run.error.message : String(run.error)}`);
  else {
    console.log([...TABLE_HEADER, ...figureRows(run)].join('\n'));
    for (const note of run.result?.notes ?? []) console.log(note);
    console.log(`(${run.seconds.toFixed(0)} s)`);
  }
}

const report = renderReport(runs, machine, { smoke: values.smoke, date });
await mkdir(values.results, { recursive: true });
const file = path.join(values.results, `${date.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}${values.smoke ? '-smoke' : ''}.md`);
await writeFile(file, report);
console.log(`\nAll figures:\n${[...TABLE_HEADER, ...runs.flatMap(figureRows)].join('\n')}\n\nWritten to ${file}`);
if (runs.some((run) => run.error !== undefined)) process.exitCode = 1;
