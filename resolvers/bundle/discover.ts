import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { bundleFile } from './esbuild.ts';
import { ResolverDiscoveryError } from './errors.ts';
import {
  PIPELINE_FOLDER_PATTERN,
  PIPELINE_STEP_PATTERN,
  UNIT_FILE_PATTERN,
  parsePipelineFolderName,
  parsePipelineStepName,
  parseUnitFileName,
  type Route,
} from './names.ts';
import { PASS_THROUGH_PIPELINE_CODE } from './pass-through.ts';
import type { PipelineFunctionBundle, ResolverBundle } from './types.ts';

export interface BundleResolversOptions {
  /** The folder of route-named resolver files. */
  resolversDir: string;
  /** The schema the routes must exist in (prelude included). */
  schema: GraphQLSchema;
  /**
   * Entries of `resolversDir` that are not resolvers. `lib/` holds helpers bundled into each
   * resolver; `bundle/` is this code; `build.ts` is the build entry.
   * @default ['lib', 'bundle', 'build.ts']
   */
  ignore?: string[];
}

const DEFAULT_IGNORE = ['lib', 'bundle', 'build.ts'];

interface UnitFile {
  kind: 'UNIT';
  route: Route;
  dataSource: string;
  file: string;
}

interface PipelineFolder {
  kind: 'PIPELINE';
  route: Route;
  folder: string;
  ownFile: string | undefined;
  steps: { order: number; name: string; dataSource: string; file: string }[];
}

/**
 * Finds every resolver under `resolversDir` by its file name and bundles it for APPSYNC_JS.
 * Every name is checked before anything is bundled: a bad file fails fast and alone.
 */
export async function bundleResolvers(options: BundleResolversOptions): Promise<ResolverBundle[]> {
  const root = resolve(options.resolversDir);
  const found = await discover(root, options.schema, new Set(options.ignore ?? DEFAULT_IGNORE));
  return Promise.all(found.map((entry) => (entry.kind === 'UNIT' ? bundleUnit(entry, root) : bundlePipeline(entry, root))));
}

async function discover(root: string, schema: GraphQLSchema, ignore: Set<string>): Promise<(UnitFile | PipelineFolder)[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const found: (UnitFile | PipelineFolder)[] = [];
  const routes = new Map<string, string>();
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (ignore.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      const route = parsePipelineFolderName(entry.name);
      if (!route) throw new ResolverDiscoveryError(`a pipeline folder's name must read ${PIPELINE_FOLDER_PATTERN}`, path);
      claimRoute(routes, route, path, schema);
      found.push(await discoverPipeline(route, path));
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      const route = parseUnitFileName(entry.name);
      if (!route) throw new ResolverDiscoveryError(`a resolver file's name must read ${UNIT_FILE_PATTERN}`, path);
      claimRoute(routes, route, path, schema);
      found.push({ kind: 'UNIT', route: { typeName: route.typeName, fieldName: route.fieldName }, dataSource: route.dataSource, file: path });
    }
  }
  return found;
}

function isSourceFile(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts');
}

function claimRoute(routes: Map<string, string>, route: Route, path: string, schema: GraphQLSchema): void {
  const type = schema.getType(route.typeName);
  // By tag, not instanceof: the caller's graphql may be another copy than ours (ESM vs CJS).
  if (!type || Object.prototype.toString.call(type) !== '[object GraphQLObjectType]') {
    throw new ResolverDiscoveryError(`the schema has no object type ${route.typeName}`, path);
  }
  if (!(type as GraphQLObjectType).getFields()[route.fieldName]) {
    throw new ResolverDiscoveryError(`the schema's type ${route.typeName} has no field ${route.fieldName}`, path);
  }
  const key = `${route.typeName}.${route.fieldName}`;
  const earlier = routes.get(key);
  if (earlier) throw new ResolverDiscoveryError(`${key} already has a resolver in ${earlier}`, path);
  routes.set(key, path);
}

async function discoverPipeline(route: Route, folder: string): Promise<PipelineFolder> {
  const entries = await readdir(folder, { withFileTypes: true });
  const pipeline: PipelineFolder = { kind: 'PIPELINE', route, folder, ownFile: undefined, steps: [] };
  const orders = new Map<number, string>();
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile() || !isSourceFile(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.name === 'index.ts') {
      pipeline.ownFile = path;
      continue;
    }
    const step = parsePipelineStepName(entry.name);
    if (!step) throw new ResolverDiscoveryError(`a pipeline step's name must read ${PIPELINE_STEP_PATTERN}`, path);
    const earlier = orders.get(step.order);
    if (earlier) throw new ResolverDiscoveryError(`step ${step.order} is already ${earlier}`, path);
    orders.set(step.order, path);
    const name = [route.typeName, route.fieldName, String(step.order), step.name ?? step.dataSource].join('_').replace(/-/g, '_');
    pipeline.steps.push({ order: step.order, name, dataSource: step.dataSource, file: path });
  }
  if (pipeline.steps.length === 0) throw new ResolverDiscoveryError(`a pipeline folder needs at least one ${PIPELINE_STEP_PATTERN}`, folder);
  pipeline.steps.sort((a, b) => a.order - b.order);
  return pipeline;
}

async function bundleUnit(unit: UnitFile, root: string): Promise<ResolverBundle> {
  return { kind: 'UNIT', ...unit.route, dataSource: unit.dataSource, file: unit.file, code: await bundleFile(unit.file, root) };
}

async function bundlePipeline(pipeline: PipelineFolder, root: string): Promise<ResolverBundle> {
  const [own, functions] = await Promise.all([
    pipeline.ownFile ? bundleFile(pipeline.ownFile, root) : Promise.resolve(PASS_THROUGH_PIPELINE_CODE),
    Promise.all(pipeline.steps.map(async (step): Promise<PipelineFunctionBundle> => ({ ...step, code: await bundleFile(step.file, root) }))),
  ]);
  return { kind: 'PIPELINE', ...pipeline.route, file: pipeline.ownFile ?? pipeline.folder, code: own, functions };
}
