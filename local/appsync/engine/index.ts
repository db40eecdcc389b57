export { createEngine, type CreateEngineOptions } from './engine.ts';
export type { DataSourceConfig } from './datasources/index.ts';
export { EngineSetupError, ResolverError } from './errors.ts';
export { AppSyncGraphQLError } from './format.ts';
export type * from './types.ts';
