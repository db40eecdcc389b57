// The API's schema as AppSync builds it: the SDL files in order (AppSync's prelude first), with
// AppSync's scalars given their validation (the prelude only declares them).
import { readFile } from 'node:fs/promises';
import { buildSchema as buildSchemaFromSdl, isScalarType, type GraphQLSchema } from 'graphql';
import { EngineSetupError } from './errors.ts';
import { awsScalars } from './scalars.ts';

export async function buildSchema(schemaPaths: string[]): Promise<GraphQLSchema> {
  const typeDefs = await Promise.all(schemaPaths.map((path) => readFile(path, 'utf8')));
  try {
    const schema = buildSchemaFromSdl(typeDefs.join('\n'));
    for (const [name, implementation] of Object.entries(awsScalars)) {
      const type = schema.getType(name);
      if (!type || !isScalarType(type)) continue;
      type.serialize = implementation.serialize;
      type.parseValue = implementation.parseValue;
      type.parseLiteral = implementation.parseLiteral;
    }
    return schema;
  } catch (error) {
    throw new EngineSetupError(`the schema (${schemaPaths.join(', ')}) does not build: ${(error as Error).message}`, { cause: error });
  }
}

