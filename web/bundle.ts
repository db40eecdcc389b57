// Builds the page: web/main.ts and what it imports into ES modules, hls.js split into its own
// chunk (loaded only when a video plays), with index.html beside them. The local home builds it
// in memory once per process and serves it; `npm run build` writes the same files to a folder.
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
// Output paths are relative to this root: `index.html`, `web/main.js`, `web/chunks/...`.
const OUT_DIR = join(WEB_DIR, '.out');

export interface PageBundle {
  /** Every file by its path under the page's root (`index.html`, `web/main.js`, ...). */
  files: ReadonlyMap<string, Uint8Array>;
}

async function buildPage(): Promise<PageBundle> {
  const result = await build({
    entryPoints: [join(WEB_DIR, 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outdir: join(OUT_DIR, 'web'),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, Uint8Array>([['index.html', await readFile(join(WEB_DIR, 'index.html'))]]);
  for (const output of result.outputFiles) files.set(relative(OUT_DIR, output.path), output.contents);
  return { files };
}

let built: Promise<PageBundle> | undefined;

/** The page, built on first call; every home in the process serves the same build. */
export function pageBundle(): Promise<PageBundle> {
  built ??= buildPage();
  built.catch(() => (built = undefined));
  return built;
}

export async function writePage(bundle: PageBundle, outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  for (const [file, contents] of bundle.files) {
    await mkdir(dirname(join(outDir, file)), { recursive: true });
    await writeFile(join(outDir, file), contents);
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** `main.js 43.0 kB (12.9 kB gzip), hls.light-KECY.js 370.1 kB (...)`: the scripts, the page's own entry first. */
export function describeBundle(bundle: PageBundle): string {
  const scripts = [...bundle.files].filter(([file]) => file.endsWith('.js'));
  scripts.sort(([a, x], [b, y]) => (a === 'web/main.js' ? -1 : b === 'web/main.js' ? 1 : y.length - x.length));
  return scripts.map(([file, contents]) => `${file.split('/').pop()} ${kB(contents.length)} (${kB(gzipSync(contents).length)} gzip)`).join(', ');
}
