// The live channels clips are cut from: which MediaPackage origin endpoint each competition's
// clips come from (its own, else the default one) and that endpoint's playback URL.
import { DescribeOriginEndpointCommand, MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { originEndpointFor, type ClientConfig, type LiveConfig } from './config.ts';
import { LiveChannelError } from './errors.ts';
import { NoThrottlingRetryStrategy } from './retry.ts';

/** A competition's live stream, as Query.competitions shows it. */
export interface CompetitionChannel {
  competition: string;
  originEndpointId: string;
  playbackUrl: string;
}

export class LiveChannels {
  /** An origin endpoint's URL does not change while the function lives: looked up once each. */
  private readonly originUrls = new Map<string, Promise<string>>();

  constructor(
    /** The MediaPackage the channels are on; the harvester starts its jobs through it too. */
    readonly client: MediaPackageClient,
    private readonly config: LiveConfig,
  ) {}

  originEndpointOf(competition: string): string {
    return originEndpointFor(this.config, competition);
  }

  /** Competitions configured with a channel of their own. */
  get competitionsWithOwnChannel(): string[] {
    return Object.keys(this.config.competitionOriginEndpoints);
  }

  hasOwnChannel(competition: string): boolean {
    return Object.hasOwn(this.config.competitionOriginEndpoints, competition);
  }

  /** The live playback URL of the channel `competition` clips from. */
  async channelOf(competition: string): Promise<CompetitionChannel> {
    const originEndpointId = this.originEndpointOf(competition);
    return { competition, originEndpointId, playbackUrl: await this.playbackUrlOf(originEndpointId, competition) };
  }

  private playbackUrlOf(endpointId: string, competition: string): Promise<string> {
    let url = this.originUrls.get(endpointId);
    if (!url) {
      url = this.client.send(new DescribeOriginEndpointCommand({ Id: endpointId })).then(
        (endpoint) => {
          if (!endpoint.Url) throw new LiveChannelError(`MediaPackage origin endpoint ${endpointId} has no URL`, competition, endpointId);
          return endpoint.Url;
        },
        (error: unknown) => {
          throw new LiveChannelError(`MediaPackage cannot describe origin endpoint ${endpointId}`, competition, endpointId, { cause: error });
        },
      );
      this.originUrls.set(endpointId, url);
      // A failed lookup is not kept: the next caller asks again.
      url.catch(() => this.originUrls.delete(endpointId));
    }
    return url;
  }
}

export function liveChannels(config: LiveConfig, client: ClientConfig = {}): LiveChannels {
  return new LiveChannels(
    new MediaPackageClient({
      ...client,
      retryStrategy: new NoThrottlingRetryStrategy(),
      ...(config.mediaPackageEndpoint ? { endpoint: config.mediaPackageEndpoint } : {}),
    }),
    config,
  );
}
