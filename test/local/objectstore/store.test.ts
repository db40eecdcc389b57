import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createObjectStore,
  fromS3Arn,
  fromS3Url,
  InvalidObjectNameError,
  NoSuchKeyError,
  startObjectStoreHttp,
  type ObjectStore,
} from '../../../local/objectstore/index.ts';

let dir: string;
let store: ObjectStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'objectstore-'));
  store = createObjectStore({ root: path.join(dir, 'objects') });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('object store', () => {
  it('puts, heads, gets, lists and deletes objects by bucket and key', async () => {
    await store.put('clips', 'a/1/index.m3u8', '#EXTM3U\n');
    await store.put('clips', 'a/1/0/seg.ts', new Uint8Array([1, 2, 3]));
    await store.put('clips', 'b/x.txt', 'x');

    expect((await store.get('clips', 'a/1/index.m3u8')).toString()).toBe('#EXTM3U\n');
    expect((await store.head('clips', 'a/1/0/seg.ts'))?.size).toBe(3);
    expect(await store.list('clips', 'a/')).toEqual(['a/1/0/seg.ts', 'a/1/index.m3u8']);
    expect(await store.list('clips', 'a/1/i')).toEqual(['a/1/index.m3u8']);
    expect(await store.list('clips')).toEqual(['a/1/0/seg.ts', 'a/1/index.m3u8', 'b/x.txt']);

    await store.delete('clips', 'b/x.txt');
    await store.delete('clips', 'b/x.txt');
    expect(await store.head('clips', 'b/x.txt')).toBeUndefined();
    await expect(store.get('clips', 'b/x.txt')).rejects.toBeInstanceOf(NoSuchKeyError);
    expect(await store.list('empty-bucket')).toEqual([]);
  });

  it('refuses keys and buckets that would leave the store', () => {
    for (const key of ['../etc/passwd', 'a/../../b', 'a//b', './a', 'a/']) {
      expect(() => store.pathOf('clips', key)).toThrow(InvalidObjectNameError);
    }
    for (const bucket of ['..', 'UPPER', 'a/b', '.tmp']) {
      expect(() => store.pathOf(bucket, 'k')).toThrow(InvalidObjectNameError);
    }
    expect(store.pathOf('clips', 'a/b.ts')).toBe(path.join(dir, 'objects', 'clips', 'a', 'b.ts'));
  });

  it('links a file into the store without copying its bytes', async () => {
    const source = path.join(dir, 'segment.ts');
    await writeFile(source, 'segment bytes');
    await store.link('clips', 'linked/seg.ts', source);
    const [a, b] = await Promise.all([stat(source), stat(store.pathOf('clips', 'linked/seg.ts'))]);
    expect(b.ino).toBe(a.ino);
    expect((await store.get('clips', 'linked/seg.ts')).toString()).toBe('segment bytes');

    await store.linkAll('clips', [
      { key: 'many/a/1.ts', sourceFile: source },
      { key: 'many/b/2.ts', sourceFile: source },
      { key: 'linked/seg.ts', sourceFile: source },
    ]);
    expect(await store.list('clips', 'many/')).toEqual(['many/a/1.ts', 'many/b/2.ts']);
    expect((await stat(store.pathOf('clips', 'many/b/2.ts'))).ino).toBe(a.ino);
  });

  it('reads S3 ARNs and URLs', () => {
    expect(fromS3Arn('arn:aws:s3:::clips/a/b/index.m3u8')).toEqual({ bucket: 'clips', key: 'a/b/index.m3u8' });
    expect(fromS3Url('s3://clips/k.m3u8')).toEqual({ bucket: 'clips', key: 'k.m3u8' });
    expect(() => fromS3Arn('arn:aws:s3:::clips')).toThrow(InvalidObjectNameError);
  });

  it('serves objects over HTTP', async () => {
    await store.put('clips', 'web/index.m3u8', '#EXTM3U\n');
    const view = await startObjectStoreHttp({ store, log: () => {} });
    try {
      const ok = await fetch(`${view.url}/clips/web/index.m3u8`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      expect(await ok.text()).toBe('#EXTM3U\n');
      expect((await fetch(`${view.url}/clips/web/none.m3u8`)).status).toBe(404);
      expect((await fetch(`${view.url}/clips/web/index.m3u8`, { method: 'PUT', body: 'x' })).status).toBe(405);
    } finally {
      await view.stop();
    }
  });
});
