// util's helpers against the outputs AppSync documents (docs.aws.amazon.com/appsync, "... helpers
// in util.*") and the outputs localstack/appsync-utils recorded from AppSync's evaluate-code.
import { describe, expect, it } from 'vitest';
import { newScope, ScopeHolder } from '../../../../local/appsync/engine/scope.ts';
import { createAppSyncModules } from '../../../../local/appsync/engine/util/index.ts';

// The documentation's examples all run at this instant: 2018-02-06T19:01:35.750Z.
const DOC_NOW = 1517943695750;
const scopes = new ScopeHolder();
const modules = createAppSyncModules(scopes, () => DOC_NOW);
// The sandbox sees these as untyped JavaScript, as resolvers do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { util, runtime, extensions } = modules['@aws-appsync/utils'] as any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ddb = modules['@aws-appsync/utils/dynamodb'] as any;

const inScope = <T>(body: () => T) => {
  const scope = newScope('Query', 'thing', 'API_KEY');
  const value = scopes.run(scope, body);
  return { scope, value };
};

describe('util.time', () => {
  it('gives the documented current-time values', () => {
    expect(util.time.nowISO8601()).toBe('2018-02-06T19:01:35.750Z');
    expect(util.time.nowEpochSeconds()).toBe(1517943695);
    expect(util.time.nowEpochMilliSeconds()).toBe(1517943695750);
    expect(util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
    expect(util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Africa/Cairo')).toBe('2018-02-06 21:01:35+0200');
  });

  it('parses formatted and ISO 8601 timestamps', () => {
    expect(util.time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05.180+08:00', 'yyyy-MM-dd HH:mm:ss.SSSXXX')).toBe(1517476865180);
    expect(util.time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth')).toBe(1517505562000);
    expect(util.time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(() => util.time.parseISO8601ToEpochMilliSeconds('yesterday')).toThrow(/could not be parsed/);
  });

  it('converts epoch milliseconds', () => {
    expect(util.time.epochMilliSecondsToSeconds(1517943695758)).toBe(1517943695);
    expect(util.time.epochMilliSecondsToISO8601(1517943695758)).toBe('2018-02-06T19:01:35.758Z');
    expect(util.time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(util.time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
    expect(util.time.epochMilliSecondsToFormatted(1517943695758, "yyyyMMdd'T'HHmmss.SSS'Z'", 'Etc/UTC')).toBe('20180206T190135.758Z');
    expect(util.time.epochMilliSecondsToFormatted(1517943695758, 'EEE, d MMM yyyy hh:mm a')).toBe('Tue, 6 Feb 2018 07:01 PM');
  });

  it('round-trips a format through parse', () => {
    const pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    const text = util.time.epochMilliSecondsToFormatted(DOC_NOW, pattern, 'America/New_York');
    expect(text).toBe('2018-02-06T14:01:35.750-05:00');
    expect(util.time.parseFormattedToEpochMilliSeconds(text, pattern)).toBe(DOC_NOW);
  });
});

describe('util.dynamodb', () => {
  it('types values as AppSync does (numbers stay numbers)', () => {
    expect(util.dynamodb.toDynamoDB('foo')).toEqual({ S: 'foo' });
    expect(util.dynamodb.toDynamoDB(12345)).toEqual({ N: 12345 });
    expect(util.dynamodb.toDynamoDB(true)).toEqual({ BOOL: true });
    expect(util.dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(util.dynamodb.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
    expect(util.dynamodb.toMapValues({ foo: 'bar', baz: 1234 })).toEqual({ foo: { S: 'bar' }, baz: { N: 1234 } });
    expect(util.dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({ L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] });
  });

  it('has the single-type helpers, null in null out', () => {
    expect(util.dynamodb.toString('test')).toEqual({ S: 'test' });
    expect(util.dynamodb.toString(null)).toBeNull();
    expect(util.dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(util.dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(util.dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(util.dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(util.dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
    expect(util.dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(util.dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('writes S3 object references', () => {
    expect(util.dynamodb.toS3Object('foo', 'bar', 'baz')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    expect(util.dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' });
    expect(util.dynamodb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz"}}')).toEqual({ key: 'foo', bucket: 'bar', region: 'baz' });
  });
});

describe('util.transform', () => {
  it('writes DynamoDB filter and condition expressions', () => {
    expect(JSON.parse(util.transform.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } }))).toEqual({
      expression: '(contains(#title,:title_contains))',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
    expect(JSON.parse(util.transform.toDynamoDBConditionExpression({ id: { attributeExists: true }, version: { eq: 10 } }))).toEqual({
      expression: '(attribute_exists(#id)) AND (#version = :version_eq)',
      expressionNames: { '#id': 'id', '#version': 'version' },
      expressionValues: { ':version_eq': { N: 10 } },
    });
  });

  it('writes subscription filters: fields ANDed in a group, or-alternatives as groups', () => {
    expect(util.transform.toSubscriptionFilter({ severity: { ge: 7 }, priority: { in: ['high', 'medium'] } })).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'severity', operator: 'ge', value: 7 },
            { fieldName: 'priority', operator: 'in', value: ['high', 'medium'] },
          ],
        },
      ],
    });
    expect(
      util.transform.toSubscriptionFilter({ status: { eq: 'READY' }, or: [{ title: { beginsWith: 'Goal' } }, { views: { between: [1, 9] } }] }),
    ).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'READY' }, { fieldName: 'title', operator: 'beginsWith', value: 'Goal' }] },
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'READY' }, { fieldName: 'views', operator: 'between', value: [1, 9] }] },
      ],
    });
  });

  it('drops ignored fields and requires one of the rules', () => {
    expect(util.transform.toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } }, ['b'], { c: { ne: 3 }, d: { attributeExists: true } })).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'c', operator: 'ne', value: 3 }] },
        { filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'd', operator: 'attributeExists', value: true }] },
      ],
    });
  });

  it('refuses an unknown operator', () => {
    expect(() => util.transform.toSubscriptionFilter({ a: { like: 'x' } })).toThrow(/unsupported filter operator like/);
  });
});

describe('util ids', () => {
  it('makes UUIDs, ULIDs and KSUIDs of the documented forms', () => {
    expect(util.autoId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ulid = util.autoUlid();
    expect(ulid).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    // The first ten characters are the time: 1517943695750 ms.
    expect(ulid.slice(0, 10)).toBe('01C5P7XAC6');
    expect(util.autoKsuid()).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(util.autoId()).not.toBe(util.autoId());
  });
});

describe('util strings and values', () => {
  it('encodes and decodes', () => {
    expect(util.base64Encode('hello')).toBe('aGVsbG8=');
    expect(util.base64Decode('aGVsbG8=')).toBe('hello');
    expect(util.urlEncode("a b&c=d/é!")).toBe('a+b%26c%3Dd%2F%C3%A9%21');
    expect(util.urlDecode('a+b%26c%3Dd%2F%C3%A9%21')).toBe('a b&c=d/é!');
    expect(util.escapeJavaScript('He said "it\'s"\n')).toBe('He said \\"it\\\'s\\"\\n');
    expect(util.str.normalize('é', 'nfd')).toBe('e\u0301');
  });

  it('matches a whole string as Java does', () => {
    expect(util.matches('a*b', 'aaaaab')).toBe(true);
    expect(util.matches('a*b', 'aaaaabc')).toBe(false);
  });

  it('ends a pattern that backtracks past the handlers\' time limit, and answers a repeated question alike', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const limited = (createAppSyncModules(new ScopeHolder(), () => DOC_NOW, 50)['@aws-appsync/utils'] as any).util;

    expect(() => limited.matches('(a+)+b', `${'a'.repeat(40)}c`)).toThrow(/timed out/);
    expect([limited.matches('[a-z]+', 'abc'), limited.matches('[a-z]+', 'abc'), limited.matches('[a-z]+', 'ab1')]).toEqual([true, true, false]);
  });

  it('tells null, empty and blank apart', () => {
    expect([util.isNull(null), util.isNull(undefined), util.isNull('')]).toEqual([true, true, false]);
    expect([util.isNullOrEmpty(''), util.isNullOrEmpty(' ')]).toEqual([true, false]);
    expect([util.isNullOrBlank(' '), util.isNullOrBlank('x')]).toEqual([true, false]);
    expect(util.defaultIfNull(null, 'd')).toBe('d');
    expect(util.defaultIfNullOrEmpty('', 'd')).toBe('d');
    expect(util.defaultIfNullOrBlank('  ', 'd')).toBe('d');
    expect([util.typeOf(null), util.typeOf(1), util.typeOf('s'), util.typeOf([]), util.typeOf({}), util.typeOf(true)]).toEqual([
      'Null',
      'Number',
      'String',
      'List',
      'Map',
      'Boolean',
    ]);
  });
});

describe('errors and control flow', () => {
  it('util.error throws with errorType, data and errorInfo', () => {
    expect(() => inScope(() => util.error('bad', 'Custom', { a: 1 }, { b: 2 }))).toThrow(
      expect.objectContaining({ message: 'bad', errorType: 'Custom', data: { a: 1 }, errorInfo: { b: 2 } }),
    );
  });

  it('util.appendError keeps going and collects the error', () => {
    const { scope, value } = inScope(() => {
      util.appendError('first');
      util.appendError('second', 'T', { x: 1 });
      return 'done';
    });
    expect(value).toBe('done');
    expect(scope.appendedErrors).toEqual([
      { message: 'first', errorType: null, data: null, errorInfo: null },
      { message: 'second', errorType: 'T', data: { x: 1 }, errorInfo: null },
    ]);
  });

  it('util.unauthorized names the field being resolved', () => {
    expect(() => inScope(() => util.unauthorized())).toThrow(
      expect.objectContaining({ message: 'Not Authorized to access thing on type Query', errorType: 'Unauthorized' }),
    );
  });

  it('util.authType names the caller’s mode', () => {
    expect(inScope(() => util.authType()).value).toBe('API Key Authorization');
  });

  it('runtime.earlyReturn carries the value and skipTo', () => {
    expect(() => runtime.earlyReturn({ a: 1 }, { skipTo: 'END' })).toThrow(expect.objectContaining({ value: { a: 1 }, skipTo: 'END' }));
  });

  it('extensions.setSubscriptionFilter validates and stores', () => {
    const { scope } = inScope(() => extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ a: { eq: 1 } })));
    expect(scope.subscriptionFilters).toHaveLength(1);
    expect(() => inScope(() => extensions.setSubscriptionFilter({ nope: true }))).toThrow(/filterGroup/);
  });
});

describe('@aws-appsync/utils/dynamodb', () => {
  it('builds requests as AppSync’s module does', () => {
    expect(ddb.get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
    expect(ddb.put({ key: { id: 'abc' }, item: { value: 10 } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
    });
    expect(ddb.remove({ key: { id: 'test' } })).toEqual({ operation: 'DeleteItem', key: { id: { S: 'test' } } });
    expect(ddb.scan({ limit: 10, nextToken: 'abc' })).toEqual({ operation: 'Scan', limit: 10, nextToken: 'abc' });
  });

  it('writes update operations with #expName_n and :expValue_n', () => {
    expect(ddb.update({ key: { id: 'test' }, update: { age: ddb.operations.increment(10) } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'test' } },
      update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'age' }, expressionValues: { ':expValue_1': { N: 10 } } },
    });
    expect(ddb.update({ key: { id: 'test' }, update: { values: ddb.operations.prepend([1, 2, 3]) } }).update.expression).toBe(
      'SET #expName_1 = list_append(:expValue_1, #expName_1)',
    );
    expect(
      ddb.update({ key: { id: 'x' }, update: { a: ddb.operations.replace(1), b: ddb.operations.remove(), c: ddb.operations.decrement(2) } }).update,
    ).toEqual({
      expression: 'SET #expName_1 = :expValue_1, #expName_3 = #expName_3 - :expValue_3 REMOVE #expName_2',
      expressionNames: { '#expName_1': 'a', '#expName_2': 'b', '#expName_3': 'c' },
      expressionValues: { ':expValue_1': { N: 1 }, ':expValue_3': { N: 2 } },
    });
  });

  it('writes key conditions for query', () => {
    expect(ddb.query({ query: { pk: { eq: 'a' }, sk: { beginsWith: '2024' } }, limit: 5, scanIndexForward: false })).toEqual({
      operation: 'Query',
      limit: 5,
      scanIndexForward: false,
      query: {
        expression: '#pk = :pk_eq AND begins_with(#sk, :sk_beginsWith)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'a' }, ':sk_beginsWith': { S: '2024' } },
      },
    });
  });
});
