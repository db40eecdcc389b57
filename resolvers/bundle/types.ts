/** One bundled APPSYNC_JS file: ESM that imports `@aws-appsync/utils` (kept external). */
export interface BundledCode {
  /** Absolute path of the source file. */
  file: string;
  code: string;
}

export interface UnitResolverBundle extends BundledCode {
  kind: 'UNIT';
  typeName: string;
  fieldName: string;
  dataSource: string;
}

export interface PipelineFunctionBundle extends BundledCode {
  /** Position in the pipeline, from the file name's number. */
  order: number;
  /** Unique within the API (AppSync function names are): `<Type>_<field>_<n>_<name>`. */
  name: string;
  dataSource: string;
}

export interface PipelineResolverBundle extends BundledCode {
  kind: 'PIPELINE';
  typeName: string;
  fieldName: string;
  /** The folder's `index.ts`, or AppSync's pass-through when it has none (`file` is then the folder). */
  functions: PipelineFunctionBundle[];
}

export type ResolverBundle = UnitResolverBundle | PipelineResolverBundle;
