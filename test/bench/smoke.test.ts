// The CI smoke run of the benchmarks: `npm run bench -- --smoke` over tiny sizes must still run
// each benchmark to its figures (how fast is the full run's business, never a test's). The
// figures of every benchmark are checked by name.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BENCHMARKS = ['harvest', 'latency', 'vod-ingest', 'api', 'fanout'];
let resultsDir: string;
let stdout: string;

beforeAll(async () => {
  resultsDir = await mkdtemp(path.join(tmpdir(), 'bench-smoke-'));
  ({ stdout } = await run('npx', ['tsx', 'bench/run.ts', '--smoke', '--results', resultsDir, ...BENCHMARKS], { maxBuffer: 16 * 2 ** 20 }));
}, 300_000);

afterAll(async () => {
  await rm(resultsDir, { recursive: true, force: true });
});

/** The figure rows of one benchmark in the printed table: `| name | what | value | baseline | ratio | goal |`. */
function rowsOf(name: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`| ${name} |`))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('npm run bench -- --smoke', () => {
  it.each(BENCHMARKS)('prints figures of %s with a value, a same-run baseline and a ratio', (name) => {
    const rows = rowsOf(name);
    expect(rows.length).toBeGreaterThan(0);
    for (const [, what, value, baseline, ratio] of rows) {
      expect(what).not.toBe('');
      expect(value).toMatch(/^[\d,.]+ \S+$/);
      expect(baseline).toMatch(/: [\d,.]+ \S+$/);
      expect(ratio).toMatch(/^[\d,.]+x$/);
    }
  });

  it('breaks the clip-ready latency down by stage from the trace spans', () => {
    for (const stage of ['put PENDING clip', 'Lambda invoke: startHarvest', 'harvest: copy', 'CreateAsset', 'ingest: package HLS', 'status write READY', 'publish READY']) {
      expect(stdout).toContain(`| ${stage} |`);
    }
  });

  it('writes the same table to a results file', async () => {
    const [file] = await readdir(resultsDir);
    expect(file).toMatch(/-smoke\.md$/);
    const report = await readFile(path.join(resultsDir, file ?? ''), 'utf8');
    for (const name of BENCHMARKS) expect(report).toContain(`| ${name} |`);
    expect(report).toMatch(/Machine: \d+ cores/);
  });
});
