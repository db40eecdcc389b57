// Lambda data source of Mutation.cancelClip: stops a clip's harvest and ends the clip CANCELLED
// with its files removed (clipFlow.cancelClip), or says why it is too late.
import { cancelClip } from '../commons/clipFlow.ts';
import { handlerLogger } from '../commons/logger.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';
import type { CancelClipRequest, CancelClipResult } from '../../contracts/cancelClip.ts';

const logger = handlerLogger('cancelClip');

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function cancelClipHandler(request: CancelClipRequest): Promise<CancelClipResult> {
    return cancelClip(flowContextOf(services, logger), request);
  };
}

export const handler = createHandler(servicesOf(process.env));
