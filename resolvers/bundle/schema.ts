import { readFile } from 'node:fs/promises';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * Builds the schema from SDL files read in order. AppSync declares its own scalars and
 * directives, so pass the prelude that declares them first.
 */
export async function readSchema(files: string[]): Promise<GraphQLSchema> {
  const sources = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return buildSchema(sources.join('\n'));
}
