// util.dynamodb: AppSync's typed-value helpers. Numbers stay numbers inside `{ N: ... }`, as
// AppSync's own output shows (recorded with evaluate-code by localstack/appsync-utils); the
// DynamoDB data source turns them into strings for the wire.

export type TypedValue = Record<string, unknown>;

export function toDynamoDB(value: unknown): TypedValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValues(value as Record<string, unknown>) };
  throw new TypeError(`util.dynamodb.toDynamoDB cannot convert a ${typeof value}`);
}

export function toMapValues(value: Record<string, unknown>): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [key, item] of Object.entries(value ?? {})) out[key] = toDynamoDB(item);
  return out;
}

function typed(tag: string) {
  return (value: unknown): TypedValue | null => (value === null || value === undefined ? null : { [tag]: value });
}

export const dynamodbUtils = {
  toDynamoDB,
  toMapValues,
  toString: typed('S'),
  toStringSet: typed('SS'),
  toNumber: typed('N'),
  toNumberSet: typed('NS'),
  toBinary: typed('B'),
  toBinarySet: typed('BS'),
  toBoolean: typed('BOOL'),
  toNull: (): TypedValue => ({ NULL: null }),
  toList: (value: unknown[] | null | undefined): TypedValue | null => (value === null || value === undefined ? null : toDynamoDB(value)),
  toMap: (value: Record<string, unknown> | null | undefined): TypedValue | null =>
    value === null || value === undefined ? null : { M: toMapValues(value) },
  toS3Object: (key: string, bucket: string, region: string, version?: string): TypedValue => ({
    S: JSON.stringify({ s3: version === undefined ? { key, bucket, region } : { key, bucket, region, version } }),
  }),
  fromS3ObjectJson: (json: string): unknown => (JSON.parse(json) as { s3?: unknown }).s3 ?? null,
};
