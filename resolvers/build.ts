// `npm run build`: writes every resolver bundle as AppSync receives it to dist/resolvers/, one
// file per unit resolver and per pipeline function, plus a manifest of routes and data sources.
// The local home and the CDK app bundle the same way in memory; this is for inspection and for
// deploying with other tools.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleResolvers, readSchema } from './bundle/index.ts';

const project = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const outDir = project('dist/resolvers');

const schema = await readSchema([project('schema/appsync-prelude.graphql'), project('schema/schema.graphql')]);
const bundles = await bundleResolvers({ resolversDir: project('resolvers'), schema });
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const manifest = [];
for (const bundle of bundles) {
  const route = `${bundle.typeName}.${bundle.fieldName}`;
  await writeFile(join(outDir, `${route}.js`), bundle.code);
  if (bundle.kind === 'UNIT') {
    manifest.push({ route, kind: bundle.kind, dataSource: bundle.dataSource, file: `${route}.js` });
    continue;
  }
  const functions = [];
  for (const fn of bundle.functions) {
    await writeFile(join(outDir, `${fn.name}.js`), fn.code);
    functions.push({ name: fn.name, dataSource: fn.dataSource, file: `${fn.name}.js` });
  }
  manifest.push({ route, kind: bundle.kind, file: `${route}.js`, functions });
}
await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`[build] ${bundles.length} resolvers bundled into ${outDir}`);
