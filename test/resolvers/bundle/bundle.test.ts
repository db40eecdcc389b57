import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleResolvers, PASS_THROUGH_PIPELINE_CODE, ResolverDiscoveryError } from '../../../resolvers/bundle/index.ts';

const schema = buildSchema(`
  type Thing { id: ID! }
  type Query { thing(id: ID!): Thing }
  type Mutation { makeThing(id: ID!): Thing, other: Thing }
`);

const UNIT = `import { util } from '@aws-appsync/utils';
import { keyOf } from './lib/keys.ts';
export function request(ctx: { args: { id: string } }) {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(keyOf(ctx.args.id)) };
}
export function response(ctx: { result: unknown }) {
  return ctx.result;
}
`;
const STEP = `export function request() { return { payload: 1 }; }
export function response(ctx: { result: unknown }) { return ctx.result; }
`;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function resolversDir(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'resolvers-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('bundleResolvers', () => {
  it('discovers unit and pipeline resolvers by their file names and bundles each', async () => {
    const root = await resolversDir({
      'Query.thing.[things].ts': UNIT,
      'lib/keys.ts': 'export function keyOf(id: string) { return { id }; }\n',
      'Mutation.makeThing/2.save.[things].ts': STEP,
      'Mutation.makeThing/1.[NONE].ts': STEP,
      'Mutation.makeThing/10.late.[NONE].ts': STEP,
      'Mutation.makeThing/index.ts': 'export function request() { return {}; }\nexport function response(ctx: { prev: { result: unknown } }) { return ctx.prev.result; }\n',
      'Mutation.other/1.only.[NONE].ts': STEP,
      'README.md': 'not a resolver',
    });
    const bundles = await bundleResolvers({ resolversDir: root, schema });
    const unit = bundles.find((b) => b.fieldName === 'thing');
    expect(unit).toMatchObject({ kind: 'UNIT', typeName: 'Query', fieldName: 'thing', dataSource: 'things', file: join(root, 'Query.thing.[things].ts') });
    // The runtime provides @aws-appsync/utils; shared helpers are bundled in.
    expect(unit?.code).toMatch(/import \{ util \} from "@aws-appsync\/utils";/);
    expect(unit?.code).toContain('function keyOf(id)');
    expect(unit?.code).toMatch(/^export \{/m);
    const map = /sourceMappingURL=data:application\/json;base64,(.+)$/m.exec(unit?.code ?? '')?.[1] ?? '';
    const sourceMap = JSON.parse(Buffer.from(map, 'base64').toString()) as { sources: string[]; sourcesContent?: unknown };
    // Paths relative to the resolvers folder: the same bundle on every machine.
    expect(sourceMap.sources.map(decodeURIComponent).sort()).toEqual(['Query.thing.[things].ts', 'lib/keys.ts']);
    expect(unit?.code).toContain('// Query.thing.[things].ts');
    expect(sourceMap.sourcesContent).toBeUndefined();

    const pipeline = bundles.find((b) => b.fieldName === 'makeThing');
    expect(pipeline?.kind).toBe('PIPELINE');
    if (pipeline?.kind !== 'PIPELINE') return;
    expect(pipeline.functions.map((fn) => [fn.order, fn.name, fn.dataSource])).toEqual([
      [1, 'Mutation_makeThing_1_NONE', 'NONE'],
      [2, 'Mutation_makeThing_2_save', 'things'],
      [10, 'Mutation_makeThing_10_late', 'NONE'],
    ]);
    expect(pipeline.file).toBe(join(root, 'Mutation.makeThing', 'index.ts'));

    const passThrough = bundles.find((b) => b.fieldName === 'other');
    expect(passThrough).toMatchObject({ kind: 'PIPELINE', code: PASS_THROUGH_PIPELINE_CODE, file: join(root, 'Mutation.other') });
  });

  it.each([
    ['a field the schema lacks', { 'Query.nothing.[NONE].ts': STEP }, 'Query.nothing.[NONE].ts', /type Query has no field nothing/],
    ['a type the schema lacks', { 'Ghost.thing.[NONE].ts': STEP }, 'Ghost.thing.[NONE].ts', /no object type Ghost/],
    ['a name that does not parse', { 'Query.thing.ts': STEP }, 'Query.thing.ts', /<Type>\.<field>\.\[<dataSource>\]\.ts/],
    ['a pipeline step that does not parse', { 'Mutation.makeThing/save.[NONE].ts': STEP }, 'Mutation.makeThing/save.[NONE].ts', /<n>\.<name>/],
    ['two steps with one number', { 'Mutation.makeThing/1.a.[NONE].ts': STEP, 'Mutation.makeThing/1.b.[NONE].ts': STEP }, 'Mutation.makeThing/1.', /step 1 is already/],
    ['a pipeline folder without steps', { 'Mutation.makeThing/index.ts': STEP }, 'Mutation.makeThing', /needs at least one/],
    ['a unit file and a folder for one field', { 'Query.thing.[NONE].ts': STEP, 'Query.thing/1.a.[NONE].ts': STEP }, 'Query.thing', /already has a resolver/],
  ])('fails naming the file for %s', async (_case, files, file, message) => {
    const root = await resolversDir(files);
    const error = await bundleResolvers({ resolversDir: root, schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResolverDiscoveryError);
    expect((error as ResolverDiscoveryError).file).toContain(join(root, file));
    expect((error as Error).message).toContain(join(root, file));
    expect((error as Error).message).toMatch(message);
  });

  it('names the file when esbuild cannot bundle it', async () => {
    const root = await resolversDir({ 'Query.thing.[NONE].ts': 'export function request( {\n' });
    await expect(bundleResolvers({ resolversDir: root, schema })).rejects.toThrow(/Query\.thing\.\[NONE\]\.ts: esbuild failed/);
  });
});
