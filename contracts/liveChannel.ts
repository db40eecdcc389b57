// How the handlers' configuration names a live channel (ORIGIN_ENDPOINT_ID and the values of
// COMPETITION_ORIGIN_ENDPOINTS), in one form both homes write and the handlers read:
// - MediaPackage v1: the origin endpoint's id, e.g. `live-hls`;
// - MediaPackage v2: `v2:<channel group>/<channel>/<origin endpoint>/<HLS manifest name>`, e.g.
//   `v2:live/arena-1/arena-1-ts/index`. v2 names resources by path, not by one id (MediaPackage v2
//   API reference, CreateHarvestJob), and a harvest names the manifests it copies.
// v1 ids and v2 names allow only letters, digits, '_' and '-' (v2 manifest names no '_'), so the
// `v2:` prefix and the '/' separators cannot be part of a name.

export interface V1ChannelRef {
  version: 'v1';
  originEndpointId: string;
}

export interface V2ChannelRef {
  version: 'v2';
  channelGroup: string;
  channel: string;
  originEndpoint: string;
  /** The origin endpoint's HLS manifest a harvest copies and the page plays. */
  manifest: string;
}

export type LiveChannelRef = V1ChannelRef | V2ChannelRef;

const NAME = /^[A-Za-z0-9_-]{1,256}$/;
const V2_MANIFEST_NAME = /^[A-Za-z0-9-]{1,256}$/;

export function formatChannelRef(ref: LiveChannelRef): string {
  return ref.version === 'v1' ? ref.originEndpointId : `v2:${ref.channelGroup}/${ref.channel}/${ref.originEndpoint}/${ref.manifest}`;
}

/** The channel `text` names, or undefined when it is neither form. */
export function parseChannelRef(text: string): LiveChannelRef | undefined {
  if (NAME.test(text)) return { version: 'v1', originEndpointId: text };
  if (!text.startsWith('v2:')) return undefined;
  const [channelGroup = '', channel = '', originEndpoint = '', manifest = '', ...rest] = text.slice(3).split('/');
  const named = [channelGroup, channel, originEndpoint].every((name) => NAME.test(name));
  return named && V2_MANIFEST_NAME.test(manifest) && rest.length === 0 ? { version: 'v2', channelGroup, channel, originEndpoint, manifest } : undefined;
}
