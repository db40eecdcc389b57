// Tells subscribers that a clip changed: the IAM-only publishClipUpdate mutation with the whole
// clip as stored, selecting every Clip field (AppSync pushes only the fields the mutation selects).
import { PublishClipUpdateDocument, type PublishClipUpdateInput } from '../../generated/operations/graphql.ts';
import type { StoredClip } from './clipStore.ts';
import type { PublishSettings } from '../../contracts/handlerEnvironment.ts';
import type { ClientConfig } from './config.ts';
import { messageOf, PublishError } from './errors.ts';
import { signedGraphqlClient } from './signedGraphql.ts';

export type PublishClip = (clip: StoredClip) => Promise<void>;

/** The GraphQL fields of a stored clip; backend attributes (job id, index keys) stay behind. */
export function publishInputOf(clip: StoredClip): PublishClipUpdateInput {
  return {
    competition: clip.competition,
    clipId: clip.clipId,
    status: clip.status,
    startTime: clip.startTime,
    endTime: clip.endTime,
    durationSeconds: clip.durationSeconds,
    title: clip.title ?? null,
    description: clip.description ?? null,
    manifests: (clip.manifests ?? []).map(({ format, url }) => ({ format, url })),
    previewUrl: clip.previewUrl ?? null,
    failureReason: clip.failureReason ?? null,
    createdBy: clip.createdBy ?? null,
    createdAt: clip.createdAt,
    updatedAt: clip.updatedAt,
    deletedAt: clip.deletedAt ?? null,
  };
}

export function publisher(config: PublishSettings, client: ClientConfig & { region: string }): PublishClip {
  const request = signedGraphqlClient({ url: config.graphqlUrl, ...client });
  return async (clip) => {
    try {
      await request(PublishClipUpdateDocument, { input: publishInputOf(clip) });
    } catch (error) {
      throw new PublishError(`publishClipUpdate for clip ${clip.clipId} failed: ${messageOf(error)}`, clip.clipId, { cause: error });
    }
  };
}
