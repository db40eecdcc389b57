// The live channels clips are cut from: which origin endpoint each competition's clips come from
// (its own channel, else the default one), on MediaPackage v1 or v2, and that endpoint's playback
// URL. Each version's client is made on first use, so a home with one version needs no other.
import { DescribeOriginEndpointCommand, MediaPackageClient } from '@aws-sdk/client-mediapackage';
import { GetOriginEndpointCommand, MediaPackageV2Client } from '@aws-sdk/client-mediapackagev2';
import type { LiveChannelRef, V2ChannelRef } from '../../contracts/liveChannel.ts';
import { channelFor, type ClientConfig, type LiveConfig } from './config.ts';
import { LiveChannelError } from './errors.ts';
import { NoThrottlingRetryStrategy } from './retry.ts';

/** A competition's live stream, as Query.competitions shows it. */
export interface CompetitionChannel {
  competition: string;
  ref: LiveChannelRef;
  playbackUrl: string;
}

const describeRef = (ref: LiveChannelRef) =>
  ref.version === 'v1' ? `MediaPackage origin endpoint ${ref.originEndpointId}` : `MediaPackage v2 origin endpoint ${ref.channelGroup}/${ref.channel}/${ref.originEndpoint}`;

export class LiveChannels {
  /** An origin endpoint's URL does not change while the function lives: looked up once each. */
  private readonly playbackUrls = new Map<string, Promise<string>>();
  private v1?: MediaPackageClient;
  private v2?: MediaPackageV2Client;

  constructor(
    private readonly config: LiveConfig,
    private readonly client: ClientConfig = {},
  ) {}

  /** MediaPackage (v1), where v1 channels are harvested too. */
  get v1Client(): MediaPackageClient {
    this.v1 ??= new MediaPackageClient({
      ...this.client,
      // The harvest-job quota answers 429: the caller decides when to try again, not the SDK.
      retryStrategy: new NoThrottlingRetryStrategy(),
      ...(this.config.mediaPackageEndpoint ? { endpoint: this.config.mediaPackageEndpoint } : {}),
    });
    return this.v1;
  }

  /** MediaPackage v2, where v2 channels are harvested too. */
  get v2Client(): MediaPackageV2Client {
    // The SDK's own retries: v2 queues a job beyond its quota instead of answering 429.
    this.v2 ??= new MediaPackageV2Client({
      ...this.client,
      ...(this.config.mediaPackageV2Endpoint ? { endpoint: this.config.mediaPackageV2Endpoint } : {}),
    });
    return this.v2;
  }

  refOf(competition: string): LiveChannelRef {
    return channelFor(this.config, competition);
  }

  /** Competitions configured with a channel of their own. */
  get competitionsWithOwnChannel(): string[] {
    return Object.keys(this.config.competitionChannels);
  }

  hasOwnChannel(competition: string): boolean {
    return Object.hasOwn(this.config.competitionChannels, competition);
  }

  /** The live channel `competition` clips from, with its playback URL. */
  async channelOf(competition: string): Promise<CompetitionChannel> {
    const ref = this.refOf(competition);
    return { competition, ref, playbackUrl: await this.playbackUrlOf(ref, competition) };
  }

  private playbackUrlOf(ref: LiveChannelRef, competition: string): Promise<string> {
    const key = JSON.stringify(ref);
    let url = this.playbackUrls.get(key);
    if (!url) {
      url = this.lookUp(ref).then(
        (found) => {
          if (!found) throw new LiveChannelError(`${describeRef(ref)} has no playback URL`, competition, describeRef(ref));
          return found;
        },
        (error: unknown) => {
          throw new LiveChannelError(`MediaPackage cannot describe ${describeRef(ref)}`, competition, describeRef(ref), { cause: error });
        },
      );
      this.playbackUrls.set(key, url);
      // A failed lookup is not kept: the next caller asks again.
      url.catch(() => this.playbackUrls.delete(key));
    }
    return url;
  }

  private async lookUp(ref: LiveChannelRef): Promise<string | undefined> {
    if (ref.version === 'v1') return (await this.v1Client.send(new DescribeOriginEndpointCommand({ Id: ref.originEndpointId }))).Url;
    return manifestUrlOf(ref, await this.v2Client.send(new GetOriginEndpointCommand(v2EndpointNames(ref))));
  }
}

/** The names v2's origin endpoint and harvest-job calls take. */
export function v2EndpointNames(ref: Pick<V2ChannelRef, 'channelGroup' | 'channel' | 'originEndpoint'>) {
  return { ChannelGroupName: ref.channelGroup, ChannelName: ref.channel, OriginEndpointName: ref.originEndpoint };
}

function manifestUrlOf(ref: V2ChannelRef, endpoint: { HlsManifests?: Array<{ ManifestName?: string; Url?: string }> }): string | undefined {
  return endpoint.HlsManifests?.find((manifest) => manifest.ManifestName === ref.manifest)?.Url;
}

export function liveChannels(config: LiveConfig, client: ClientConfig = {}): LiveChannels {
  return new LiveChannels(config, client);
}
