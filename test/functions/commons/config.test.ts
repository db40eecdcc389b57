// The handlers' environment: what both homes write with the builder is what the handlers read,
// and a bad value is refused with the variable's name and the form it wants.
import { describe, expect, it } from 'vitest';
import { handlerEnvironment, type HandlerSettings } from '../../../contracts/handlerEnvironment.ts';
import {
  clientConfig,
  clipStoreConfig,
  harvestConfig,
  liveConfig,
  channelFor,
  packagingConfig,
  publishConfig,
  sweepConfig,
} from '../../../functions/commons/config.ts';

const live = { originEndpointId: 'live-hls' };
const harvester = { clipsBucket: 'clips', mediaPackageRoleArn: 'arn:aws:iam::000000000000:role/r' };

describe('the handler environment', () => {
  it('reads back every setting the builder wrote', () => {
    const settings = {
      runtime: { region: 'eu-west-1', accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret' },
      store: { clipsTable: 'clips', dynamodbEndpoint: 'http://127.0.0.1:8000' },
      live: { ...live, competitionOriginEndpoints: { final: 'arena-2-hls' }, mediaPackageEndpoint: 'http://127.0.0.1:4100', mediaPackageV2Endpoint: 'http://127.0.0.1:4101' },
      harvester,
      packager: { packagingGroupId: 'clips', clipsBucket: 'clips', sourceRoleArn: 'arn:aws:iam::000000000000:role/v', mediaPackageVodEndpoint: 'http://127.0.0.1:4200' },
      publish: { graphqlUrl: 'http://127.0.0.1:4000/graphql' },
      sweep: { recheckAfterSeconds: 0, giveUpAfterFailedRechecks: 3 },
    } satisfies HandlerSettings;
    const env = handlerEnvironment(settings);

    expect(clientConfig(env)).toEqual({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret' } });
    expect(clipStoreConfig(env)).toEqual(settings.store);
    expect(liveConfig(env)).toEqual({
      defaultChannel: { version: 'v1', originEndpointId: 'live-hls' },
      competitionChannels: { final: { version: 'v1', originEndpointId: 'arena-2-hls' } },
      mediaPackageEndpoint: settings.live.mediaPackageEndpoint,
      mediaPackageV2Endpoint: settings.live.mediaPackageV2Endpoint,
    });
    expect(harvestConfig(env)).toEqual(settings.harvester);
    expect(packagingConfig(env)).toEqual(settings.packager);
    expect(publishConfig(env)).toEqual(settings.publish);
    expect(sweepConfig(env)).toEqual(settings.sweep);
  });

  it('writes only the services named, leaving AWS endpoints unset so the SDK finds the service', () => {
    expect(handlerEnvironment({ live, harvester })).toEqual({
      ORIGIN_ENDPOINT_ID: 'live-hls',
      CLIPS_BUCKET: 'clips',
      MEDIAPACKAGE_ROLE_ARN: 'arn:aws:iam::000000000000:role/r',
    });
    expect(clipStoreConfig(handlerEnvironment({ store: { clipsTable: 'clips' } })).dynamodbEndpoint).toBeUndefined();
  });

  it('gives the sweeper its defaults, and refuses a give-up count that is not a whole number >= 1', () => {
    expect(sweepConfig({})).toEqual({ recheckAfterSeconds: 120, giveUpAfterFailedRechecks: 10 });
    expect(() => sweepConfig({ SWEEP_GIVE_UP_AFTER_FAILED_RECHECKS: '0.5' })).toThrow(/SWEEP_GIVE_UP_AFTER_FAILED_RECHECKS must be a whole number of re-checks >= 1/);
    expect(() => sweepConfig({ SWEEP_RECHECK_AFTER_SECONDS: '-1' })).toThrow(/SWEEP_RECHECK_AFTER_SECONDS must be a number of seconds >= 0/);
  });

  it('names the variable a handler needs and lacks', () => {
    expect(() => packagingConfig(handlerEnvironment({ store: { clipsTable: 'clips' } }))).toThrow(/PACKAGING_GROUP_ID is not set/);
  });
});

describe('channelFor', () => {
  it('sends a mapped competition to its channel and every other one to the default', () => {
    const config = liveConfig(handlerEnvironment({ live: { ...live, competitionOriginEndpoints: { final: 'arena-2-hls', heats: 'v2:live/arena-3/arena-3-ts/index' } } }));

    expect(channelFor(config, 'final')).toEqual({ version: 'v1', originEndpointId: 'arena-2-hls' });
    expect(channelFor(config, 'heats')).toEqual({ version: 'v2', channelGroup: 'live', channel: 'arena-3', originEndpoint: 'arena-3-ts', manifest: 'index' });
    expect(channelFor(config, 'relay')).toEqual({ version: 'v1', originEndpointId: 'live-hls' });
  });

  it('uses the default channel for all when no map is set', () => {
    expect(channelFor(liveConfig(handlerEnvironment({ live })), 'final')).toEqual({ version: 'v1', originEndpointId: 'live-hls' });
  });

  it.each(['not json', '["final"]', '{"final":3}'])('refuses the map %j, naming the variable and the form it wants', (value) => {
    const env = { ...handlerEnvironment({ live }), COMPETITION_ORIGIN_ENDPOINTS: value };

    expect(() => liveConfig(env)).toThrow(/COMPETITION_ORIGIN_ENDPOINTS must be a JSON object of competition ids to origin endpoints/);
  });

  it.each(['v2:live/arena', 'v2:live/a/b/index_1', 'arena 2', 'v3:a/b/c/d'])('refuses the channel %j, naming the competition and both forms', (channel) => {
    const env = { ...handlerEnvironment({ live }), COMPETITION_ORIGIN_ENDPOINTS: JSON.stringify({ final: channel }) };

    expect(() => liveConfig(env)).toThrow(/COMPETITION_ORIGIN_ENDPOINTS \(final\) must be a MediaPackage origin endpoint id .* or a v2 origin endpoint path/);
  });
});
