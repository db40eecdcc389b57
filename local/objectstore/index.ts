/**
 * Local object store: S3 buckets as plain files under one root directory, so the local home
 * reaches clips by the same bucket/key names the AWS home uses.
 *
 *   const store = createObjectStore({ root: '.data/objects' });
 *   await store.put('clips', 'a/b.m3u8', '#EXTM3U\n');
 *   await store.get('clips', 'a/b.m3u8');          // Buffer
 *   await store.head('clips', 'a/b.m3u8');         // { size, modified } | undefined
 *   await store.list('clips', 'a/');               // keys under a prefix, sorted
 *   await store.delete('clips', 'a/b.m3u8');
 *   await store.link('clips', 'a/seg.ts', '/archive/seg.ts'); // hard link (copy across devices)
 *   store.pathOf('clips', 'a/b.m3u8');             // absolute file path
 *   fromS3Arn('arn:aws:s3:::clips/a/b.m3u8')       // { bucket: 'clips', key: 'a/b.m3u8' }
 *   fromS3Url('s3://clips/a/b.m3u8')               // same
 *   const s3 = await startObjectStoreHttp({ store }); // S3 path style: GET/HEAD objects, ListObjectsV2, DeleteObject(s)
 *
 * Bucket names follow S3's rules; keys are S3 keys whose segments may not be '.' or '..', so a
 * key can never name a file outside its bucket's directory.
 */
export { createObjectStore } from './store.ts';
export type { ObjectStore, ObjectStoreOptions, ObjectInfo } from './store.ts';
export { fromS3Arn, fromS3Url, toS3Url } from './s3-names.ts';
export type { S3Location } from './s3-names.ts';
export { startObjectStoreHttp } from './http.ts';
export type { ObjectStoreHttp, ObjectStoreHttpOptions } from './http.ts';
export { InvalidObjectNameError, NoSuchKeyError } from './errors.ts';
