import type { DataSourceOutcome } from './types.ts';

/** A NONE data source hands the request's `payload` straight to the response handler. */
export function invokeNone(request: unknown): DataSourceOutcome {
  const payload = (request as { payload?: unknown } | null)?.payload;
  return { result: payload === undefined ? null : payload };
}
