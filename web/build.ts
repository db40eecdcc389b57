// `npm run build` (page part): writes the player page to dist/page and prints its files' sizes.
import { fileURLToPath } from 'node:url';
import { describeBundle, pageBundle, writePage } from './bundle.ts';

const outDir = fileURLToPath(new URL('../dist/page', import.meta.url));
const bundle = await pageBundle();
await writePage(bundle, outDir);
console.log(`[build] player page in ${outDir}: ${describeBundle(bundle)}`);
