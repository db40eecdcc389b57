// AppSync's scalars as its documentation describes them
// (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html).
import { describe, expect, it } from 'vitest';
import { awsScalars, ScalarParseError } from '../../../../local/appsync/engine/scalars.ts';

const accepts = (name: string, value: unknown) => awsScalars[name]?.parseValue(value);

describe.each([
  ['AWSDate', ['1970-01-01', '2024-02-29', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30:15', '-2017-01-01'], ['1970-1-1', '1970-13-01', '01/02/2024', '2024-01-01T00:00Z']],
  ['AWSTime', ['12:00', '12:00:00', '12:00:00.123456789', '12:30Z', '12:00:00-08:00'], ['24:00', '12', '1200', '12:60']],
  [
    'AWSDateTime',
    ['1970-01-01T12:00Z', '1970-01-01T12:00:00.2Z', '2024-05-01T10:00:00.123456789+02:00', '-2017-01-01T00:00Z', '2024-05-01T10:00:00+05:30:15'],
    ['2024-05-01', '2024-05-01T10:00:00', '2024-05-01 10:00:00Z', 'yesterday', '2024-05-01T25:00Z'],
  ],
  ['AWSEmail', ['example@example.com', 'a.b+c@d.e'], ['example', 'a b@c.d', '@x.y']],
  ['AWSURL', ['https://www.amazon.com/dp/B000NZW3KC/', 'mailto:example@example.com', 'http://127.0.0.1:8080/a'], ['example.com', 'not a url', 'https://x.com//double']],
  ['AWSPhone', ['+1 555 123 4567', '555-123-4567', '+44 20 7946 0958'], ['phone', '12a34', '++1 555']],
  ['AWSIPAddress', ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32'], ['256.0.0.1', '10.0.0.0/33', 'localhost', '1.2.3.4/8/9']],
])('%s', (name, good, bad) => {
  it.each(good)('accepts %s', (value) => {
    expect(accepts(name, value)).toBe(value);
  });
  it.each(bad)('refuses %s', (value) => {
    expect(() => accepts(name, value)).toThrow(ScalarParseError);
  });
});

describe('AWSTimestamp', () => {
  it('takes whole seconds and refuses anything else', () => {
    expect(accepts('AWSTimestamp', 1517943695)).toBe(1517943695);
    expect(() => accepts('AWSTimestamp', 1.5)).toThrow(ScalarParseError);
    expect(() => accepts('AWSTimestamp', '1517943695')).toThrow(ScalarParseError);
  });
});

describe('AWSJSON', () => {
  it('hands resolvers the parsed value and serializes what they return', () => {
    expect(accepts('AWSJSON', '{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(() => accepts('AWSJSON', '{nope')).toThrow(ScalarParseError);
    expect(awsScalars.AWSJSON?.serialize({ a: 1 })).toBe('{"a":1}');
    expect(awsScalars.AWSJSON?.serialize('{"kept":true}')).toBe('{"kept":true}');
  });
});

it('words a refusal as AppSync does', () => {
  expect(() => accepts('AWSDateTime', 'yesterday')).toThrow('Unable to parse `yesterday` as a valid DateTime Object.');
});
