// Where a v2 origin is reached, in the shape of MediaPackage v2's own URLs:
//   ingest  <base>/in/v1/<channelGroup>/<1|2>/<channel>          (two ingest endpoints per channel)
//   egress  <base>/out/v1/<channelGroup>/<channel>/<originEndpoint>/<manifestName>.m3u8
import type { Channel, OriginEndpoint } from './resources.ts';

/** A channel's two ingest endpoints (input redundancy in AWS); locally both feed the one archive. */
export const INGEST_ENDPOINT_IDS = ['1', '2'] as const;

export class Urls {
  base = '';

  ingest(channel: Pick<Channel, 'channelGroupName' | 'channelName'>, id: (typeof INGEST_ENDPOINT_IDS)[number] = '1'): string {
    return `${this.base}/in/v1/${channel.channelGroupName}/${id}/${channel.channelName}`;
  }

  manifest(endpoint: Pick<OriginEndpoint, 'channelGroupName' | 'channelName' | 'originEndpointName'>, manifestName: string): string {
    return `${this.base}/out/v1/${endpoint.channelGroupName}/${endpoint.channelName}/${endpoint.originEndpointName}/${manifestName}.m3u8`;
  }

  /** The egress domain of a channel group: here, the emulator's host and port. */
  egressDomain(): string {
    return new URL(this.base).host;
  }
}
