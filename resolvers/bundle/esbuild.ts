import { build, type Message } from 'esbuild';
import { ResolverBundleError } from './errors.ts';

// What AppSync's APPSYNC_JS runtime accepts: one ESM file, `@aws-appsync/utils` provided by the
// runtime, ES2020 syntax at most, and an inline source map (without sources, to stay under
// AppSync's code size limit) so its errors point at our TypeScript.
const APPSYNC_JS_EXTERNALS = ['@aws-appsync/utils', '@aws-appsync/utils/*'];

/**
 * Bundles one resolver file. `root` (the resolvers folder) makes the source map's paths relative
 * to it, so a bundle is the same string on every machine.
 */
export async function bundleFile(file: string, root?: string): Promise<string> {
  let result;
  try {
    result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2020',
      sourcemap: 'inline',
      sourcesContent: false,
      minify: false,
      external: APPSYNC_JS_EXTERNALS,
      logLevel: 'silent',
      ...(root ? { absWorkingDir: root } : {}),
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const detail = errors?.length ? errors.map(formatMessage).join('; ') : String(error);
    throw new ResolverBundleError(`esbuild failed: ${detail}`, file, { cause: error });
  }
  const output = result.outputFiles[0];
  if (!output) throw new ResolverBundleError('esbuild produced no output', file);
  return output.text;
}

function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column} ` : '';
  return `${where}${message.text}`;
}
