// Lambda data source of Query.competitions: the competitions configured with a live channel of
// their own, and those createClip registered, each with the playback URL of the channel its
// clips are cut from. Channels come from the handler's configuration, not the table, so a
// competition configured today is listed before its first clip.
import type { Competition } from '../../generated/schema.ts';
import type { ListCompetitionsResult } from '../../contracts/competitions.ts';
import { handlerLogger } from '../commons/logger.ts';
import { servicesOf, type Services } from '../commons/services.ts';

const logger = handlerLogger('listCompetitions');

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  // The request is empty (ListCompetitionsRequest): the list depends on nothing the caller says.
  return async function listCompetitions(): Promise<ListCompetitionsResult> {
    const live = services.live();
    const registered = await services.store().registeredCompetitions();
    const lastClipAt = new Map(registered.map((entry) => [entry.competition, entry.lastClipAt]));
    const ids = [...new Set([...live.competitionsWithOwnChannel, ...lastClipAt.keys()])].sort();
    const competitions = await Promise.all(
      ids.map(async (id): Promise<Competition> => {
        const channel = await live.channelOf(id);
        return { id, livePlaybackUrl: channel.playbackUrl, hasOwnChannel: live.hasOwnChannel(id), lastClipAt: lastClipAt.get(id) ?? null };
      }),
    );
    logger.debug('Listed competitions', { count: competitions.length });
    return { competitions };
  };
}

export const handler = createHandler(servicesOf(process.env));
