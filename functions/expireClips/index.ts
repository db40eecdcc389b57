// Target of the clip table's stream: a clip DynamoDB's time to live removed (retention) loses its
// VOD asset and harvested files too, and comes back as a DELETED tombstone that tells apps. The
// tombstone is written first, as DELETING, so a removal that stops half-way is finished by the
// sweeper; stream records come at least once, and a repeated one finds the tombstone there.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { publishStored, removeClip, type RemovalContext } from '../commons/clipFlow.ts';
import type { StoredClip } from '../commons/clipStore.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';
import { isTimeToLiveRemoval, type TableStreamEvent } from '../../contracts/tableStream.ts';

const logger = handlerLogger('expireClips');

/** The expired clip, or undefined for items that are not live clips (client tokens, tombstones). */
function expiredClipOf(oldImage: Record<string, AttributeValue> | undefined): StoredClip | undefined {
  if (!oldImage) return undefined;
  const item = unmarshall(oldImage) as Partial<StoredClip>;
  if (item.status === undefined || item.status === 'DELETED') return undefined;
  return item as StoredClip;
}

async function expire(context: RemovalContext, expired: StoredClip): Promise<void> {
  const log = clipLogger(context.log, expired);
  const tombstone = await context.store.putExpiredTombstone(expired);
  if (tombstone.changed) {
    log.info('Clip expired: removing its asset and files', { createdAt: expired.createdAt });
    await publishStored(context, tombstone.clip, log);
  }
  await removeClip(context, expired);
}

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function expireClips(event: TableStreamEvent): Promise<void> {
    const context: RemovalContext = flowContextOf(services, logger);
    for (const record of event.Records) {
      if (!isTimeToLiveRemoval(record)) continue;
      const expired = expiredClipOf(record.dynamodb.OldImage);
      // A throw makes Lambda retry the batch: earlier records find their tombstones and skip on.
      if (expired) await expire(context, expired);
    }
  };
}

export const handler = createHandler(servicesOf(process.env));
