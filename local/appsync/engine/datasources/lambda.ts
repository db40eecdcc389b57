import { DataSourceRequestError, type DataSourceOutcome } from './types.ts';

/**
 * A Lambda data source, called in-process. `{ operation: 'Invoke', payload }` sends `payload` as
 * the event; without a payload AppSync sends its direct-resolver event (the context's arguments,
 * identity, source, request, prev, info and stash), which `directEvent` is.
 */
export async function invokeLambda(
  handler: (event: unknown) => Promise<unknown>,
  request: unknown,
  directEvent: () => unknown,
): Promise<DataSourceOutcome> {
  const { operation, payload } = (request ?? {}) as { operation?: unknown; payload?: unknown };
  if (operation !== 'Invoke' && operation !== 'BatchInvoke') {
    throw new DataSourceRequestError(`a Lambda request's operation must be Invoke or BatchInvoke, not ${String(operation)}`);
  }
  const event = payload === undefined ? directEvent() : payload;
  try {
    const result = await handler(JSON.parse(JSON.stringify(event ?? null)));
    return { result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  } catch (error) {
    // AppSync reports a function error as Lambda:Unhandled with the function's message.
    const message = error instanceof Error ? error.message : String(error);
    return { result: null, error: { message, type: 'Lambda:Unhandled' } };
  }
}
