import { describe, expect, it } from 'vitest';
import {
  ClientMessageType,
  MessageValidationError,
  parseClientMessage,
  parseStartData,
  RealtimeErrorType,
  serialize,
  serializeData,
  ServerMessageType,
} from '../../../../../local/appsync/server/realtime/protocol.ts';

function refusal(raw: string | (() => unknown)): MessageValidationError {
  try {
    if (typeof raw === 'string') parseClientMessage(raw);
    else raw();
  } catch (error) {
    expect(error).toBeInstanceOf(MessageValidationError);
    return error as MessageValidationError;
  }
  throw new Error('expected a MessageValidationError');
}

const start = (payload: unknown, id: unknown = 'op-1') => JSON.stringify({ id, type: 'start', payload });

describe('real-time client messages', () => {
  it('reads connection_init, start and stop', () => {
    expect(parseClientMessage('{"type":"connection_init"}')).toEqual({ type: ClientMessageType.ConnectionInit });
    expect(parseClientMessage('{"type":"stop","id":"op-1"}')).toEqual({ type: ClientMessageType.Stop, id: 'op-1' });
    const authorization = { host: 'localhost', 'x-api-key': 'da2-x' };
    expect(parseClientMessage(start({ data: '{"query":"subscription { a }"}', extensions: { authorization } }))).toEqual({
      type: ClientMessageType.Start,
      id: 'op-1',
      payload: { data: '{"query":"subscription { a }"}', extensions: { authorization } },
    });
  });

  it.each([
    ['not json', 'Message must be valid JSON', undefined],
    ['[1]', 'Message must be a JSON object', undefined],
    ['{"id":"op-1"}', "Message requires a non-empty 'type'", 'op-1'],
    ['{"type":"stop"}', "'stop' requires a non-empty 'id'", undefined],
    [start({ data: '{}', extensions: { authorization: {} } }, ''), "'start' requires a non-empty 'id'", undefined],
    [start('x'), "'start' requires a 'payload' object", 'op-1'],
    [start({ data: 42, extensions: {} }), "'start' requires 'payload.data' to be a JSON string of { query, variables }", 'op-1'],
    [start({ data: '{}' }), "'start' requires a 'payload.extensions' object", 'op-1'],
    [start({ data: '{}', extensions: {} }), "'start' requires 'payload.extensions.authorization' to be an object of headers", 'op-1'],
    [start({ data: '{}', extensions: { authorization: { host: 1 } } }), "'start' authorization header 'host' must be a string", 'op-1'],
  ])('refuses %s: %s', (raw, message, id) => {
    const error = refusal(raw);
    expect(error).toMatchObject({ message, id, errorType: RealtimeErrorType.BadRequest });
  });

  it('answers a message type AppSync does not know as AppSync does', () => {
    expect(refusal('{"type":"subscribe","id":"op-2"}')).toMatchObject({
      errorType: RealtimeErrorType.UnsupportedOperation,
      message: 'unknown not supported through the realtime channel',
      id: 'op-2',
    });
  });

  it('validates the operation inside start.payload.data', () => {
    expect(parseStartData('{"query":"subscription { a }","variables":{"b":1}}', 'op')).toEqual({ query: 'subscription { a }', variables: { b: 1 }, operationName: null });
    expect(refusal(() => parseStartData('{', 'op')).message).toBe("'start' requires 'payload.data' to be valid JSON");
    expect(refusal(() => parseStartData('{"variables":{}}', 'op')).message).toBe("'start' requires a non-empty 'query' in 'payload.data'");
    expect(refusal(() => parseStartData('{"query":"s","variables":[]}', 'op')).message).toBe("'start' requires 'variables' in 'payload.data' to be an object");
  });
});

describe('data messages', () => {
  it('wraps a payload serialized once into the same text serialize gives', () => {
    const payload = { data: { onClipReady: { clipId: 'a"b', title: 'Ü \u2028' } } };

    expect(serializeData('sub "1"', JSON.stringify(payload))).toBe(serialize({ type: ServerMessageType.Data, id: 'sub "1"', payload }));
  });
});
