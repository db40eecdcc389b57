// Lambda data source of createClip's step 2: which MediaPackage version the competition's live
// channel is on, from the handler's configuration alone (no AWS call).
import type { DescribeLiveChannelRequest, DescribeLiveChannelResult } from '../../contracts/describeLiveChannel.ts';
import { servicesOf, type Services } from '../commons/services.ts';

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function describeLiveChannel(request: DescribeLiveChannelRequest): Promise<DescribeLiveChannelResult> {
    return { competition: request.competition, version: services.live().refOf(request.competition).version };
  };
}

export const handler = createHandler(servicesOf(process.env));
