import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type ChecksumAlgorithm,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectStore, startObjectStoreHttp, type ObjectStore, type ObjectStoreHttp } from '../../../local/objectstore/index.ts';

const BUCKET = 'clips';

let dir: string;
let store: ObjectStore;
let server: ObjectStoreHttp;
let s3: S3Client;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'objectstore-s3-'));
  store = createObjectStore({ root: path.join(dir, 'objects') });
  server = await startObjectStoreHttp({ store, log: () => {} });
  s3 = new S3Client({
    endpoint: server.url,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: BUCKET, Prefix: prefix })) {
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
  }
  return keys;
}

async function s3Error(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(S3ServiceException);
  return error as S3ServiceException;
}

/** A raw DeleteObjects request, for bodies and headers the SDK would never send. */
function postDelete(body: string, headers: Record<string, string> = { 'x-amz-checksum-crc32': crc32Header(body) }) {
  return fetch(`${server.url}/${BUCKET}?delete`, { method: 'POST', body, headers });
}

function crc32Header(body: string): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body));
  return bytes.toString('base64');
}

describe('ListObjectsV2', () => {
  it('lists the objects under a prefix with their size, date, ETag and storage class', async () => {
    await store.put(BUCKET, 'list/a/index.m3u8', '#EXTM3U\n');
    await store.put(BUCKET, 'list/a/0.ts', new Uint8Array(188));
    await store.put(BUCKET, 'list/b/0.ts', 'x');

    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/a/' }));

    expect(page).toMatchObject({ Name: BUCKET, Prefix: 'list/a/', KeyCount: 2, MaxKeys: 1000, IsTruncated: false });
    expect(page.NextContinuationToken).toBeUndefined();
    expect(page.Contents?.map(({ Key, Size, StorageClass }) => ({ Key, Size, StorageClass }))).toEqual([
      { Key: 'list/a/0.ts', Size: 188, StorageClass: 'STANDARD' },
      { Key: 'list/a/index.m3u8', Size: 8, StorageClass: 'STANDARD' },
    ]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'list/a/0.ts' }));
    expect(page.Contents?.[0]?.ETag).toBe(head.ETag);
    expect(page.Contents?.[0]?.LastModified).toBeInstanceOf(Date);
    expect(Math.abs((page.Contents?.[0]?.LastModified?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('pages over more objects than MaxKeys with continuation tokens, in key order, each key once', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `paged/${String(i).padStart(2, '0')}.ts`);
    await Promise.all(keys.map((key) => store.put(BUCKET, key, 'x')));

    const first = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paged/', MaxKeys: 10 }));
    expect(first).toMatchObject({ KeyCount: 10, MaxKeys: 10, IsTruncated: true });
    expect(first.NextContinuationToken).toEqual(expect.any(String));
    const second = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paged/', MaxKeys: 10, ContinuationToken: first.NextContinuationToken }),
    );
    expect(second.ContinuationToken).toBe(first.NextContinuationToken);
    expect(second.Contents?.[0]?.Key).toBe('paged/10.ts');

    const pages: string[][] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 10 }, { Bucket: BUCKET, Prefix: 'paged/' })) {
      pages.push((page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(keys);
  });

  it('returns at most 1000 keys a page, whatever MaxKeys asks for', async () => {
    const source = path.join(dir, 'seg.ts');
    await writeFile(source, 'segment');
    await store.linkAll(
      BUCKET,
      Array.from({ length: 1005 }, (_, i) => ({ key: `thousand/${String(i).padStart(4, '0')}.ts`, sourceFile: source })),
    );

    const first = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'thousand/', MaxKeys: 5000 }));
    expect(first).toMatchObject({ KeyCount: 1000, MaxKeys: 1000, IsTruncated: true });
    const rest = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'thousand/', ContinuationToken: first.NextContinuationToken }));
    expect(rest).toMatchObject({ KeyCount: 5, IsTruncated: false });
    expect(rest.Contents?.at(-1)?.Key).toBe('thousand/1004.ts');
  });

  it('rolls keys up to CommonPrefixes with a "/" delimiter, each prefix counted once', async () => {
    await Promise.all(
      ['tree/c1/a.ts', 'tree/c1/b.ts', 'tree/c2/a.ts', 'tree/c3/x/y.ts', 'tree/top.m3u8'].map((key) => store.put(BUCKET, key, 'x')),
    );

    const all = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tree/', Delimiter: '/' }));
    expect(all.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['tree/c1/', 'tree/c2/', 'tree/c3/']);
    expect(all.Contents?.map((o) => o.Key)).toEqual(['tree/top.m3u8']);
    expect(all).toMatchObject({ KeyCount: 4, Delimiter: '/' });

    const first = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tree/', Delimiter: '/', MaxKeys: 2 }));
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['tree/c1/', 'tree/c2/']);
    const next = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tree/', Delimiter: '/', MaxKeys: 2, ContinuationToken: first.NextContinuationToken }),
    );
    expect(next.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['tree/c3/']);
    expect(next.Contents?.map((o) => o.Key)).toEqual(['tree/top.m3u8']);
    expect(next.IsTruncated).toBe(false);

    expect(await keysUnder('tree/c3/')).toEqual(['tree/c3/x/y.ts']);
    expect(await keysUnder('tree/c')).toHaveLength(4);
    expect(await keysUnder('/tree/')).toEqual([]);
  });

  it('starts after StartAfter and URL-encodes keys when EncodingType is url', async () => {
    await Promise.all(['enc/a b+c.ts', 'enc/b.ts'].map((key) => store.put(BUCKET, key, 'x')));

    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'enc/', StartAfter: 'enc/a b+c.ts' }));
    expect(after.Contents?.map((o) => o.Key)).toEqual(['enc/b.ts']);
    expect(after.StartAfter).toBe('enc/a b+c.ts');

    const encoded = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'enc/', EncodingType: 'url' }));
    expect(encoded.EncodingType).toBe('url');
    expect(encoded.Contents?.map((o) => decodeURIComponent(o.Key ?? ''))).toEqual(['enc/a b+c.ts', 'enc/b.ts']);
  });

  it('lists a bucket that was never written as empty', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'never-written' }));
    expect(page).toMatchObject({ Name: 'never-written', KeyCount: 0, IsTruncated: false });
    expect(page.Contents).toBeUndefined();
  });

  it.each([
    ['a negative MaxKeys', { MaxKeys: -1 }],
    ['a continuation token it never issued', { ContinuationToken: 'not a token!' }],
  ])('answers %s with InvalidArgument (400)', async (_, input) => {
    const error = await s3Error(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ...input })));
    expect(error.name).toBe('InvalidArgument');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DeleteObjects', () => {
  const odd = ['odd/with space.ts', 'odd/a & b <c> "d" \'e\'.ts', 'odd/ünïcødé/日本語.ts', 'odd/🎬 clip.m3u8', 'odd/plus+sign%41.ts'];

  it('deletes many keys at once, spaces, "&", quotes and unicode included, and lists each as Deleted', async () => {
    await Promise.all([...odd, 'odd/kept.ts'].map((key) => store.put(BUCKET, key, 'x')));

    const result = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: odd.map((Key) => ({ Key })) } }));

    expect(result.Deleted?.map((d) => d.Key)).toEqual(odd);
    expect(result.Errors).toBeUndefined();
    expect(await keysUnder('odd/')).toEqual(['odd/kept.ts']);
  });

  it('reports absent keys, and keys that only name a "directory", as deleted', async () => {
    await store.put(BUCKET, 'absent/dir/x.ts', 'x');
    const Objects = [{ Key: 'absent/never.ts' }, { Key: 'absent/dir' }, { Key: 'absent/dir/x.ts/below' }, { Key: '../escape' }];

    const result = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects } }));

    expect(result.Deleted?.map((d) => d.Key)).toEqual(Objects.map((o) => o.Key));
    expect(await keysUnder('absent/')).toEqual(['absent/dir/x.ts']);
  });

  it('answers only failures in quiet mode', async () => {
    await store.put(BUCKET, 'quiet/a.ts', 'x');

    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'quiet/a.ts' }, { Key: 'quiet/none.ts' }], Quiet: true } }),
    );

    expect(result.Deleted ?? []).toEqual([]);
    expect(result.Errors ?? []).toEqual([]);
    expect(await keysUnder('quiet/')).toEqual([]);
  });

  it.each<ChecksumAlgorithm>(['CRC32', 'CRC32C', 'SHA1', 'SHA256'])('accepts and verifies a %s body checksum', async (ChecksumAlgorithm) => {
    await store.put(BUCKET, `sum/${ChecksumAlgorithm}.ts`, 'x');
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, ChecksumAlgorithm, Delete: { Objects: [{ Key: `sum/${ChecksumAlgorithm}.ts` }] } }),
    );
    expect(result.Deleted?.map((d) => d.Key)).toEqual([`sum/${ChecksumAlgorithm}.ts`]);
  });

  it('accepts a Content-MD5 body digest, as older SDKs send', async () => {
    const body = '<Delete><Object><Key>md5/a.ts</Key></Object></Delete>';
    const md5 = (await import('node:crypto')).createHash('md5').update(body).digest('base64');
    const response = await postDelete(body, { 'Content-MD5': md5 });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Deleted><Key>md5/a.ts</Key></Deleted>');
  });

  it.each([
    ['a body that is not a Delete document', '<Remove><Object><Key>k</Key></Object></Remove>'],
    ['an Object without a Key', '<Delete><Object><VersionId>1</VersionId></Object></Delete>'],
    ['nested markup in a Key', '<Delete><Object><Key>a<b/></Key></Object></Delete>'],
    ['an entity XML does not define', '<Delete><Object><Key>&nbsp;</Key></Object></Delete>'],
    ['a Delete with no Object', '<Delete><Quiet>true</Quiet></Delete>'],
    ['more than 1000 objects', `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`],
  ])('refuses %s with MalformedXML (400)', async (_, body) => {
    const response = await postDelete(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toContain('<Code>MalformedXML</Code>');
  });

  it('decodes numeric character references in keys and escapes keys in the result', async () => {
    await store.put(BUCKET, 'refs/a\nb<&>.ts', 'x');
    const body = '<?xml version="1.0"?><Delete><Object><Key>refs/a&#x0A;b&lt;&#38;&gt;.ts</Key></Object></Delete>';
    const response = await postDelete(body);
    expect(await response.text()).toContain('<Deleted><Key>refs/a&#x0A;b&lt;&amp;&gt;.ts</Key></Deleted>');
    expect(await store.head(BUCKET, 'refs/a\nb<&>.ts')).toBeUndefined();
  });

  it('refuses an aws-chunked body with NotImplemented rather than misreading it', async () => {
    const body = '<Delete><Object><Key>k</Key></Object></Delete>';
    const response = await postDelete(body, { 'Content-Encoding': 'aws-chunked', 'x-amz-checksum-crc32': crc32Header(body) });
    expect(response.status).toBe(501);
    expect(await response.text()).toContain('<Code>NotImplemented</Code>');
  });

  it('refuses a body whose checksum does not match with BadDigest, and one without a checksum', async () => {
    const body = '<Delete><Object><Key>k</Key></Object></Delete>';
    const wrong = await postDelete(body, { 'x-amz-checksum-crc32': crc32Header(`${body} `) });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('<Code>BadDigest</Code>');

    const none = await postDelete(body, {});
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('<Code>InvalidRequest</Code>');
  });

  it('waits for the body after answering Expect: 100-continue', async () => {
    await store.put(BUCKET, 'expect/a.ts', 'x');
    const body = '<Delete><Object><Key>expect/a.ts</Key></Object></Delete>';
    const { port } = new URL(server.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/${BUCKET}/?delete=`,
          headers: { Expect: '100-continue', 'Content-Length': Buffer.byteLength(body), 'x-amz-checksum-crc32': crc32Header(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('continue', () => req.end(body));
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(200);
    expect(await keysUnder('expect/')).toEqual([]);
  });
});

describe('DeleteObject, GetObject and HeadObject', () => {
  it('deletes one object with 204, and an absent key succeeds too', async () => {
    await store.put(BUCKET, 'one/a b&ü.ts', 'x');

    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'one/a b&ü.ts' }));
    const again = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'one/a b&ü.ts' }));

    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(again.$metadata.httpStatusCode).toBe(204);
    expect(await store.head(BUCKET, 'one/a b&ü.ts')).toBeUndefined();
  });

  it('gets and heads an object by a key with spaces and unicode', async () => {
    await store.put(BUCKET, 'get/ü x.m3u8', '#EXTM3U\n');

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'get/ü x.m3u8' }));
    expect(await got.Body?.transformToString()).toBe('#EXTM3U\n');
    expect(got.ContentType).toBe('application/vnd.apple.mpegurl');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'get/ü x.m3u8' }));
    expect(head).toMatchObject({ ContentLength: 8, ETag: got.ETag });
    expect(head.LastModified).toBeInstanceOf(Date);
  });

  it('raises NoSuchKey for GetObject of an absent key, answered as an S3 XML error', async () => {
    const error = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'get/absent.ts' })));
    expect(error).toBeInstanceOf(NoSuchKey);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);

    const raw = await fetch(`${server.url}/${BUCKET}/get/absent.ts`);
    expect(raw.headers.get('content-type')).toBe('application/xml');
    expect(await raw.text()).toMatch(/<Error><Code>NoSuchKey<\/Code><Message>[^<]+<\/Message><Resource>\/clips\/get\/absent.ts<\/Resource>/);
  });

  it('raises NotFound for HeadObject of an absent key (a HEAD answer has no body)', async () => {
    const error = await s3Error(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'get/absent.ts' })));
    expect(error).toBeInstanceOf(NotFound);
  });

  it('raises NoSuchBucket for a bucket name S3 would refuse', async () => {
    const error = await s3Error(s3.send(new ListObjectsV2Command({ Bucket: 'no_such_bucket' })));
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses writes with MethodNotAllowed and other object operations with NotImplemented', async () => {
    const put = await s3Error(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'w.ts', Body: 'x' })));
    expect(put.name).toBe('MethodNotAllowed');
    expect(put.$metadata.httpStatusCode).toBe(405);

    const tagging = await s3Error(s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'get/ü x.m3u8' })));
    expect(tagging.name).toBe('NotImplemented');
    expect(tagging.$metadata.httpStatusCode).toBe(501);
  });

  it('answers a malformed percent-encoding with InvalidURI instead of failing', async () => {
    const response = await fetch(`${server.url}/${BUCKET}/bad%E0%A4%A.ts`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidURI</Code>');
  });
});
