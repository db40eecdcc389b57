// The home every in-process fault case runs: the clip-flow home on MediaPackage v2 (the default
// channel) with its encoder and the fault suites' short sweeper, once the channel has streamed
// enough for a clip of `clipSeconds` ending now.
import { startClipFlowHome, type ClipFlowHome, type ClipFlowHomeOptions } from '../../functions/support/clipFlowHome.ts';
import { liveContent } from '../../support/liveContent.ts';
import { SWEEP } from './bounds.ts';
import type { ApiAccess } from './outcomes.ts';

export async function startFaultHome(clipSeconds: number, faults: Pick<ClipFlowHomeOptions, 'deliveryFault' | 'harvestFault' | 'dynamodbFault'> = {}) {
  const home: ClipFlowHome = await startClipFlowHome({ live: { harvestQuota: 10 }, version: 'v2', sweep: { ...SWEEP }, ...faults });
  const api: ApiAccess = { graphqlUrl: home.api.graphqlUrl, apiKey: home.api.credentials.apiKey.id };
  await liveContent(home.channel.playbackUrl, clipSeconds + 2);
  return { home, api };
}
