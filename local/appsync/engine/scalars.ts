// AppSync's AWS scalars, validated as AppSync documents them
// (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html) and refused with AppSync's
// wording ("Unable to parse `x` as a valid DateTime Object.").
import { isIP } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';

/** Raised by a scalar for a value it refuses; the engine rewrites the message into AppSync's form. */
export class ScalarParseError extends Error {
  override readonly name = 'ScalarParseError';
  constructor(
    readonly scalar: string,
    readonly value: unknown,
    readonly what: string,
  ) {
    super(`Unable to parse \`${typeof value === 'string' ? value : JSON.stringify(value)}\` as a valid ${what}.`);
  }
}

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const DATE = '-?\\d{4,}-(\\d{2})-(\\d{2})';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?';
const DATE_RE = new RegExp(`^${DATE}(?:${OFFSET})?$`);
const TIME_RE = new RegExp(`^${TIME}(?:${OFFSET})?$`);
const DATE_TIME_RE = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);
// RFC 822 addresses in practice: a local part, an @, a domain.
const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;
const PHONE_RE = /^\+?\d[\d\s-]{1,19}$/;

function validDate(month: string | undefined, day: string | undefined): boolean {
  return Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31;
}

function validTime(hours: string | undefined, minutes: string | undefined, seconds: string | undefined): boolean {
  return Number(hours) <= 23 && Number(minutes) <= 59 && Number(seconds ?? 0) <= 59;
}

function isDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return !!m && validDate(m[1], m[2]);
}

function isTime(value: string): boolean {
  const m = TIME_RE.exec(value);
  return !!m && validTime(m[1], m[2], m[3]);
}

function isDateTime(value: string): boolean {
  const m = DATE_TIME_RE.exec(value);
  return !!m && validDate(m[1], m[2]) && validTime(m[3], m[4], m[5]);
}

function isUrl(value: string): boolean {
  // AppSync wants a scheme and no `//` inside the path.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return !url.pathname.includes('//');
}

function isIpAddress(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function stringScalar(name: string, what: string, valid: (value: string) => boolean, description: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) throw new ScalarParseError(name, value, what);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: check,
    parseValue: check,
    parseLiteral: (node) => check(literalValue(node)),
  });
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.BOOLEAN:
      return node.value;
    default:
      return print(node);
  }
}

const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds since the epoch.',
  serialize: (value) => {
    if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
    throw new ScalarParseError('AWSTimestamp', value, 'timestamp');
  },
  parseValue: (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    throw new ScalarParseError('AWSTimestamp', value, 'timestamp');
  },
  parseLiteral: (node) => {
    if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
    throw new ScalarParseError('AWSTimestamp', literalValue(node), 'timestamp');
  },
});

// AppSync hands resolvers the parsed JSON, and serializes whatever a resolver returns.
const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON string; resolvers see it parsed.',
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new ScalarParseError('AWSJSON', value, 'JSON Object');
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new ScalarParseError('AWSJSON', value, 'JSON Object');
    }
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw new ScalarParseError('AWSJSON', literalValue(node), 'JSON Object');
    try {
      return JSON.parse(node.value) as unknown;
    } catch {
      throw new ScalarParseError('AWSJSON', node.value, 'JSON Object');
    }
  },
});

export const awsScalars: Record<string, GraphQLScalarType> = {
  AWSDate: stringScalar('AWSDate', 'Date', isDate, 'An extended ISO 8601 date, YYYY-MM-DD, with an optional offset.'),
  AWSTime: stringScalar('AWSTime', 'Time', isTime, 'An extended ISO 8601 time, hh:mm:ss.sss, with an optional offset.'),
  AWSDateTime: stringScalar('AWSDateTime', 'DateTime Object', isDateTime, 'An extended ISO 8601 date and time with an offset.'),
  AWSEmail: stringScalar('AWSEmail', 'email address', (v) => EMAIL_RE.test(v), 'An email address.'),
  AWSURL: stringScalar('AWSURL', 'URL', isUrl, 'A URL with a scheme.'),
  AWSPhone: stringScalar('AWSPhone', 'phone number', (v) => PHONE_RE.test(v), 'A phone number.'),
  AWSIPAddress: stringScalar('AWSIPAddress', 'IP address', isIpAddress, 'An IPv4 or IPv6 address, optionally with a prefix.'),
  AWSTimestamp,
  AWSJSON,
};

export function isScalarParseError(error: unknown): error is ScalarParseError {
  return error instanceof ScalarParseError || (error instanceof GraphQLError && error.originalError instanceof ScalarParseError);
}
