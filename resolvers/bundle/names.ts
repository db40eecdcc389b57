// Resolver routes are spelled in file names, as aws-samples/aws-appsync-resolver-samples does:
// `<Type>.<field>.[<dataSource>].ts` for a unit resolver, a folder `<Type>.<field>/` holding
// `<n>.<name>.[<dataSource>].ts` steps (the name may be left out) for a pipeline.

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
// AppSync data source names are alphanumeric with underscores.
const DATA_SOURCE = '[_0-9A-Za-z]+';

const UNIT_FILE = new RegExp(`^(${NAME})\\.(${NAME})\\.\\[(${DATA_SOURCE})\\]\\.ts$`);
const PIPELINE_FOLDER = new RegExp(`^(${NAME})\\.(${NAME})$`);
const PIPELINE_STEP = new RegExp(`^(\\d+)\\.(?:([_0-9A-Za-z-]+)\\.)?\\[(${DATA_SOURCE})\\]\\.ts$`);

export interface Route {
  typeName: string;
  fieldName: string;
}

export function parseUnitFileName(name: string): (Route & { dataSource: string }) | undefined {
  const match = UNIT_FILE.exec(name);
  if (!match) return undefined;
  const [, typeName = '', fieldName = '', dataSource = ''] = match;
  return { typeName, fieldName, dataSource };
}

export function parsePipelineFolderName(name: string): Route | undefined {
  const match = PIPELINE_FOLDER.exec(name);
  if (!match) return undefined;
  const [, typeName = '', fieldName = ''] = match;
  return { typeName, fieldName };
}

export function parsePipelineStepName(name: string): { order: number; name: string | undefined; dataSource: string } | undefined {
  const match = PIPELINE_STEP.exec(name);
  if (!match) return undefined;
  const [, order = '', stepName, dataSource = ''] = match;
  return { order: Number(order), name: stepName, dataSource };
}

export const UNIT_FILE_PATTERN = '<Type>.<field>.[<dataSource>].ts';
export const PIPELINE_FOLDER_PATTERN = '<Type>.<field>/';
export const PIPELINE_STEP_PATTERN = '<n>.<name>.[<dataSource>].ts or index.ts';
