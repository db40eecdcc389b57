export { bundleResolvers, type BundleResolversOptions } from './discover.ts';
export { bundleFile } from './esbuild.ts';
export { readSchema } from './schema.ts';
export { ResolverBundleError, ResolverDiscoveryError } from './errors.ts';
export { PASS_THROUGH_PIPELINE_CODE } from './pass-through.ts';
export type { BundledCode, PipelineFunctionBundle, PipelineResolverBundle, ResolverBundle, UnitResolverBundle } from './types.ts';
