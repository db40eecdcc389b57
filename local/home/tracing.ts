// Where the local home's own wiring emits trace spans (functions/commons/tracer.ts): the API's
// DynamoDB calls and Lambda invocations, and the event bus's deliveries. On AWS, X-Ray sees the
// same calls; here a benchmark's in-process sink reads them. Calls of no one clip (a client token
// claim, the competitions registry) go to the trace API_TRACE_ID.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { finishedHarvestOf, type HarvestJobEvent } from '../../functions/commons/finishedHarvests.ts';
import { assetIdOfArn, clipKeyOf, traceIdFor, type ClipKey } from '../../functions/commons/clips.ts';
import { spansObserved, traced } from '../../functions/commons/tracer.ts';
import { CLIP_TABLE_KEYS } from '../../contracts/clipTable.ts';
import type { EventBridgeEvent } from '../eventbus/index.ts';

/** The trace of API work that names no clip. */
export const API_TRACE_ID = 'api';

type Attributes = Record<string, { S?: string } | undefined> | undefined;

function clipOfAttributes(attributes: Attributes): ClipKey | undefined {
  const competition = attributes?.[CLIP_TABLE_KEYS.partition]?.S;
  const clipId = attributes?.[CLIP_TABLE_KEYS.sort]?.S;
  if (competition === undefined || clipId === undefined) return undefined;
  // Only a clip's key names a clip (a token claim's sort key does not parse as a clip id).
  return clipKeyOf(traceIdFor({ competition, clipId }));
}

/** Each call of the API's DynamoDB data source becomes a span `api.dynamodb.<Command>`. */
export function traceDynamoDBCalls(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!spansObserved()) return next(args);
      const input = args.input as { Key?: Attributes; Item?: Attributes };
      const clip = clipOfAttributes(input.Key) ?? clipOfAttributes(input.Item);
      const operation = (context.commandName ?? 'call').replace(/Command$/, '');
      return traced(`api.dynamodb.${operation}`, clip ? traceIdFor(clip) : API_TRACE_ID, () => next(args));
    },
    { step: 'initialize', name: 'traceSpans' },
  );
}

/** The clip a Lambda data source's payload names (`{clip}` or `{competition, clipId}`). */
function clipOfPayload(payload: unknown): ClipKey | undefined {
  const value = payload as { clip?: Partial<ClipKey>; competition?: unknown; clipId?: unknown } | undefined;
  const key = value?.clip ?? value;
  return typeof key?.competition === 'string' && typeof key.clipId === 'string' ? { competition: key.competition, clipId: key.clipId } : undefined;
}

/** A Lambda data source's invocation as a span `lambda.<name>`. */
export function tracedLambda<T>(name: string, payload: unknown, invoke: () => Promise<T>): Promise<T> {
  const clip = clipOfPayload(payload);
  return traced(`lambda.${name}`, clip ? traceIdFor(clip) : API_TRACE_ID, invoke);
}

/** The clip an event on the bus is about: a harvest job's or a VOD asset's. */
export function clipTraceIdOfEvent(event: EventBridgeEvent): string | undefined {
  let key: ClipKey | undefined;
  if (event['detail-type'].includes('HarvestJob')) {
    try {
      key = finishedHarvestOf(event as unknown as HarvestJobEvent)?.key;
    } catch {
      key = undefined;
    }
  } else {
    const assetId = assetIdOfArn(event.resources[0] ?? '');
    key = assetId === undefined ? undefined : clipKeyOf(assetId);
  }
  return key && traceIdFor(key);
}
