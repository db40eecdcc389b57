// Which ffmpeg the home runs, against real builds: the npm-shipped one, and a wrapper around it
// that hides its libx264 encoder, standing in for a minimal distribution build (none can be
// installed here beside the full one).
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg, FfmpegNotFoundError, FfmpegUnusableError, probeFfmpeg } from '../../../local/ffmpeg/index.ts';

const npmFfmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
let dir: string;
let withoutX264: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ffmpeg-select-'));
  withoutX264 = path.join(dir, 'ffmpeg-without-x264');
  await writeFile(withoutX264, `#!/bin/sh\nif [ "$2" = "-encoders" ]; then "${npmFfmpeg}" "$@" | grep -v libx264; else exec "${npmFfmpeg}" "$@"; fi\n`);
  await chmod(withoutX264, 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeFfmpeg', () => {
  it('finds everything the home uses in the npm build, drawtext included (a git snapshot: no version stated)', async () => {
    expect(await probeFfmpeg(npmFfmpeg)).toEqual({ version: undefined, drawtext: true });
  });

  it('names what a build lacks', async () => {
    await expect(probeFfmpeg(withoutX264)).rejects.toThrow(/no libx264 encoder/);
  });

  it('says when nothing runs at the path', async () => {
    await expect(probeFfmpeg(path.join(dir, 'absent'))).rejects.toBeInstanceOf(FfmpegNotFoundError);
  });
});

describe('findFfmpeg', () => {
  it('uses the build FFMPEG_PATH names', async () => {
    expect(await findFfmpeg({ env: { FFMPEG_PATH: npmFfmpeg } })).toMatchObject({ path: npmFfmpeg, origin: 'FFMPEG_PATH' });
  });

  it('prefers the --ffmpeg path to FFMPEG_PATH', async () => {
    expect(await findFfmpeg({ path: npmFfmpeg, env: { FFMPEG_PATH: withoutX264 } })).toMatchObject({ path: npmFfmpeg, origin: '--ffmpeg' });
  });

  it('refuses a named build that cannot serve, saying what is missing and what to do, and never falls back', async () => {
    const error = await findFfmpeg({ env: { FFMPEG_PATH: withoutX264 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FfmpegUnusableError);
    expect((error as Error).message).toMatch(new RegExp(`${withoutX264}.*no libx264 encoder.*FFMPEG_PATH.*--ffmpeg PATH`));
  });

  it('refuses a named path where nothing runs', async () => {
    await expect(findFfmpeg({ path: path.join(dir, 'absent') })).rejects.toThrow(/no such program.*--ffmpeg/);
  });

  it('without a named build, runs one that has everything the home uses', async () => {
    const chosen = await findFfmpeg({ env: {} });
    expect(['PATH', '@ffmpeg-installer/ffmpeg']).toContain(chosen.origin);
    await expect(probeFfmpeg(chosen.path)).resolves.toBeDefined();
  });
});
