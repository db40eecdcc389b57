// Lambda data source of the deleteClip pipeline: removes a deleted clip's VOD asset and harvested
// files and finishes its tombstone (clipFlow.removeClip). A clip whose harvest still runs is
// answered `waiting`; the job's end or the sweeper removes it.
import { removeClip } from '../commons/clipFlow.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';
import type { RemoveClipRequest, RemoveClipResult } from '../../contracts/removeClip.ts';

const logger = handlerLogger('removeClip');

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function removeClipHandler(event: RemoveClipRequest): Promise<RemoveClipResult> {
    const context = flowContextOf(services, logger);
    const outcome = await removeClip(context, event.clip);
    // The pipeline marked the clip DELETED just before: anything else is a caller's mistake.
    if (outcome === 'not-deleted') clipLogger(logger, event.clip).warn('Asked to remove a clip that is not deleted');
    return { outcome: outcome === 'waiting' ? 'waiting' : 'removed' };
  };
}

export const handler = createHandler(servicesOf(process.env));
