// Builds the page: web/main.ts and what it imports into ES modules, hls.js split into its own
// chunk (loaded only when a video plays), with index.html beside them. Run by `npm start` (the
// home serves the result) and by `npm run build`.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface PageBundle {
  dir: string;
  /** Every output file and its size in bytes, the page's own entry first. */
  files: Array<{ file: string; bytes: number }>;
}

export async function bundlePage(outDir: string): Promise<PageBundle> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(WEB_DIR, 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outdir: join(outDir, 'web'),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  await copyFile(join(WEB_DIR, 'index.html'), join(outDir, 'index.html'));
  const files = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => ({ file: basename(file), bytes: output.bytes }))
    .sort((a, b) => (a.file === 'main.js' ? -1 : b.file === 'main.js' ? 1 : b.bytes - a.bytes));
  return { dir: outDir, files };
}

/** `main.js 21.3 kB, hls-1A2B.js 402.1 kB`: what the build prints. */
export function describeBundle(bundle: PageBundle): string {
  return bundle.files.map(({ file, bytes }) => `${file} ${(bytes / 1000).toFixed(1)} kB`).join(', ');
}
