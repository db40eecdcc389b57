// The resolver bundles compiled once, each bound to the data sources its files name; a name
// that is not configured fails setup, not the first request.
import type { ResolverBundle } from '../../../resolvers/bundle/index.ts';
import type { DataSource } from './datasources/index.ts';
import { EngineSetupError } from './errors.ts';
import type { CompiledCode } from './evaluate.ts';
import type { CompiledResolver } from './run.ts';

export function compileResolvers(
  bundles: ResolverBundle[],
  dataSources: Map<string, DataSource>,
  compile: (code: string, file: string) => CompiledCode,
): Map<string, CompiledResolver> {
  const dataSource = (name: string, file: string): DataSource => {
    const found = dataSources.get(name);
    if (!found) throw new EngineSetupError(`${file} uses data source ${name}, which is not configured (have: ${[...dataSources.keys()].join(', ')})`);
    return found;
  };
  const compiled = new Map<string, CompiledResolver>();
  for (const bundle of bundles) {
    const code = compile(bundle.code, bundle.file);
    compiled.set(
      `${bundle.typeName}.${bundle.fieldName}`,
      bundle.kind === 'UNIT'
        ? { kind: 'UNIT', code, dataSource: dataSource(bundle.dataSource, bundle.file) }
        : {
            kind: 'PIPELINE',
            code,
            functions: bundle.functions.map((fn) => ({
              name: fn.name,
              code: compile(fn.code, fn.file),
              dataSource: dataSource(fn.dataSource, fn.file),
            })),
          },
    );
  }
  return compiled;
}

