// The S3 REST XML this store speaks: error documents, the ListObjectsV2 result, and the
// DeleteObjects request and result. Shapes follow the Amazon S3 API Reference:
//   errors          https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
//   ListObjectsV2   https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
//   DeleteObjects   https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
// and were checked against what @aws-sdk/client-s3 serializes and reads.

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
/** S3 pages listings and caps DeleteObjects at this many keys. */
export const S3_MAX_KEYS = 1000;

/** The S3 error codes this store answers with (ErrorResponses.html, "List of error codes"). */
export enum S3ErrorCode {
  BadDigest = 'BadDigest',
  InternalError = 'InternalError',
  InvalidArgument = 'InvalidArgument',
  InvalidDigest = 'InvalidDigest',
  InvalidRequest = 'InvalidRequest',
  InvalidURI = 'InvalidURI',
  MalformedXML = 'MalformedXML',
  MaxMessageLengthExceeded = 'MaxMessageLengthExceeded',
  MethodNotAllowed = 'MethodNotAllowed',
  NoSuchBucket = 'NoSuchBucket',
  NoSuchKey = 'NoSuchKey',
  NotImplemented = 'NotImplemented',
}

const STATUS: Record<S3ErrorCode, number> = {
  [S3ErrorCode.BadDigest]: 400,
  [S3ErrorCode.InternalError]: 500,
  [S3ErrorCode.InvalidArgument]: 400,
  [S3ErrorCode.InvalidDigest]: 400,
  [S3ErrorCode.InvalidRequest]: 400,
  [S3ErrorCode.InvalidURI]: 400,
  [S3ErrorCode.MalformedXML]: 400,
  [S3ErrorCode.MaxMessageLengthExceeded]: 400,
  [S3ErrorCode.MethodNotAllowed]: 405,
  [S3ErrorCode.NoSuchBucket]: 404,
  [S3ErrorCode.NoSuchKey]: 404,
  [S3ErrorCode.NotImplemented]: 501,
};

/** A request S3 would refuse, with the code and status S3 answers it with. */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  readonly status: number;
  /** The bucket or object the error is about, sent as `<Resource>`. */
  readonly resource: string | undefined;

  constructor(
    readonly code: S3ErrorCode,
    message: string,
    options?: { resource?: string; cause?: unknown },
  ) {
    super(message, options);
    this.status = STATUS[code];
    this.resource = options?.resource;
  }
}

// The same set @aws-sdk/xml-builder escapes. Numeric references are only used for BMP characters:
// the SDK's parser decodes `&#x...;` with String.fromCharCode, so astral characters travel raw.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#x0D;',
  '\n': '&#x0A;',
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n\u0085\u2028]/g, (ch) => ESCAPES[ch] ?? ch);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data with its five named and numeric references decoded; anything else is malformed. */
function decodeXmlText(text: string): string {
  return text.replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-z]+));|&/g, (match, hex?: string, dec?: string, name?: string) => {
    if (name) {
      const named = NAMED_ENTITIES[name];
      if (named !== undefined) return named;
    } else if (hex || dec) {
      const point = hex ? parseInt(hex, 16) : Number(dec);
      if (point > 0 && point <= 0x10ffff && (point < 0xd800 || point > 0xdfff)) return String.fromCodePoint(point);
    }
    throw new S3Error(S3ErrorCode.MalformedXML, `unsupported character reference '${match}'`);
  });
}

function element(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

function document(root: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_XMLNS}">${body}</${root}>`;
}

/** The REST error document; the SDK reads `Code` to pick its typed exception (e.g. `NoSuchKey`). */
export function errorXml(error: S3Error, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
    element('Code', error.code) +
    element('Message', error.message) +
    element('Resource', error.resource) +
    element('RequestId', requestId) +
    '</Error>'
  );
}

export interface ListedObject {
  key: string;
  lastModified: Date;
  /** Already quoted, as S3 sends it. */
  etag: string;
  size: number;
}

export interface ListObjectsV2Result {
  bucket: string;
  prefix: string;
  delimiter: string | undefined;
  maxKeys: number;
  startAfter: string | undefined;
  continuationToken: string | undefined;
  nextContinuationToken: string | undefined;
  /** `url` when the request asked for it: keys, prefixes, delimiter and start-after are then URL-encoded. */
  encodingType: 'url' | undefined;
  contents: readonly ListedObject[];
  commonPrefixes: readonly string[];
}

// Reversible by both decodeURIComponent and form decoding (a '+' stays %2B), keeping '/' readable.
function urlEncode(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/');
}

/** `ListBucketResult`, members in the order of the API reference's response syntax. */
export function listObjectsV2Xml(result: ListObjectsV2Result): string {
  const name = result.encodingType === 'url' ? urlEncode : (text: string) => text;
  const optional = (text: string | undefined) => (text === undefined ? undefined : name(text));
  const contents = result.contents
    .map(
      (object) =>
        '<Contents>' +
        element('Key', name(object.key)) +
        element('LastModified', object.lastModified.toISOString()) +
        element('ETag', object.etag) +
        element('Size', object.size) +
        element('StorageClass', 'STANDARD') +
        '</Contents>',
    )
    .join('');
  const commonPrefixes = result.commonPrefixes.map((prefix) => `<CommonPrefixes>${element('Prefix', name(prefix))}</CommonPrefixes>`).join('');
  return document(
    'ListBucketResult',
    element('IsTruncated', result.nextContinuationToken !== undefined) +
      contents +
      element('Name', result.bucket) +
      element('Prefix', name(result.prefix)) +
      element('Delimiter', optional(result.delimiter)) +
      element('MaxKeys', result.maxKeys) +
      commonPrefixes +
      element('EncodingType', result.encodingType) +
      element('KeyCount', result.contents.length + result.commonPrefixes.length) +
      element('ContinuationToken', result.continuationToken) +
      element('NextContinuationToken', result.nextContinuationToken) +
      element('StartAfter', optional(result.startAfter)),
  );
}

export interface DeleteRequest {
  keys: string[];
  quiet: boolean;
}

const malformed = (message: string) => new S3Error(S3ErrorCode.MalformedXML, `The XML you provided was not well-formed: ${message}`);

/**
 * Reads the DeleteObjects body: `<Delete><Object><Key>…</Key></Object>…<Quiet>true</Quiet></Delete>`.
 * Strict on purpose: elements hold text only (no CDATA, comments or nested markup), so a small
 * scanner reads exactly what the SDK writes. `VersionId`, `ETag`, `LastModifiedTime` and `Size`
 * are accepted and ignored: this store keeps no versions and makes no conditional deletes.
 */
export function parseDeleteXml(xml: string): DeleteRequest {
  const root = /^\uFEFF?\s*(?:<\?xml[^?]*\?>\s*)?<Delete(?:\s+xmlns="[^"]*")?\s*>([\s\S]*)<\/Delete>\s*$/.exec(xml);
  if (!root) throw malformed('expected a <Delete> document');
  const inner = root[1] ?? '';
  const keys: string[] = [];
  let quiet: boolean | undefined;
  const item = /\s*(?:<Object>([\s\S]*?)<\/Object>|<Quiet>\s*(true|false|1|0)\s*<\/Quiet>)\s*/y;
  while (item.lastIndex < inner.length) {
    const at = item.lastIndex;
    const match = item.exec(inner);
    if (!match) throw malformed(`unexpected content at '${inner.slice(at, at + 40)}'`);
    if (match[2] !== undefined) {
      if (quiet !== undefined) throw malformed('<Quiet> given twice');
      quiet = match[2] === 'true' || match[2] === '1';
    } else {
      keys.push(parseObject(match[1] ?? ''));
    }
  }
  if (keys.length === 0) throw malformed('<Delete> names no <Object>');
  if (keys.length > S3_MAX_KEYS) throw malformed(`<Delete> names ${keys.length} objects, at most ${S3_MAX_KEYS} are allowed`);
  return { keys, quiet: quiet ?? false };
}

const OBJECT_CHILDREN = new Set(['Key', 'VersionId', 'ETag', 'LastModifiedTime', 'Size']);

function parseObject(inner: string): string {
  const child = /\s*<([A-Za-z]+)>([^<]*)<\/\1>\s*/y;
  let key: string | undefined;
  while (child.lastIndex < inner.length) {
    const match = child.exec(inner);
    const name = match?.[1];
    if (!match || !name || !OBJECT_CHILDREN.has(name)) throw malformed('an <Object> holds only <Key> and optional <VersionId>, <ETag>, <LastModifiedTime>, <Size>');
    if (name === 'Key') {
      if (key !== undefined) throw malformed('an <Object> has one <Key>');
      key = decodeXmlText(match[2] ?? '');
    }
  }
  if (!key) throw malformed('an <Object> needs a non-empty <Key>');
  return key;
}

export interface DeleteFailure {
  key: string;
  code: S3ErrorCode;
  message: string;
}

/** `DeleteResult`: every deleted key unless quiet (then failures only), as the reference describes. */
export function deleteResultXml(deleted: readonly string[], failures: readonly DeleteFailure[]): string {
  return document(
    'DeleteResult',
    deleted.map((key) => `<Deleted>${element('Key', key)}</Deleted>`).join('') +
      failures.map(({ key, code, message }) => `<Error>${element('Key', key)}${element('Code', code)}${element('Message', message)}</Error>`).join(''),
  );
}
