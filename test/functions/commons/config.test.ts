// The handlers' environment: what both homes write with the builder is what the handlers read,
// and a bad value is refused with the variable's name and the form it wants.
import { describe, expect, it } from 'vitest';
import { handlerEnvironment, type HandlerSettings } from '../../../contracts/handlerEnvironment.ts';
import {
  clientConfig,
  clipStoreConfig,
  harvestConfig,
  liveConfig,
  originEndpointFor,
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
      live: { ...live, competitionOriginEndpoints: { final: 'arena-2-hls' }, mediaPackageEndpoint: 'http://127.0.0.1:4100' },
      harvester,
      packager: { packagingGroupId: 'clips', clipsBucket: 'clips', sourceRoleArn: 'arn:aws:iam::000000000000:role/v', mediaPackageVodEndpoint: 'http://127.0.0.1:4200' },
      publish: { graphqlUrl: 'http://127.0.0.1:4000/graphql' },
      sweep: { recheckAfterSeconds: 0 },
    } satisfies HandlerSettings;
    const env = handlerEnvironment(settings);

    expect(clientConfig(env)).toEqual({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret' } });
    expect(clipStoreConfig(env)).toEqual(settings.store);
    expect(liveConfig(env)).toEqual(settings.live);
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

  it('names the variable a handler needs and lacks', () => {
    expect(() => packagingConfig(handlerEnvironment({ store: { clipsTable: 'clips' } }))).toThrow(/PACKAGING_GROUP_ID is not set/);
  });
});

describe('originEndpointFor', () => {
  it('sends a mapped competition to its channel and every other one to the default', () => {
    const config = liveConfig(handlerEnvironment({ live: { ...live, competitionOriginEndpoints: { final: 'arena-2-hls' } } }));

    expect(originEndpointFor(config, 'final')).toBe('arena-2-hls');
    expect(originEndpointFor(config, 'heats')).toBe('live-hls');
  });

  it('uses the default channel for all when no map is set', () => {
    expect(originEndpointFor(liveConfig(handlerEnvironment({ live })), 'final')).toBe('live-hls');
  });

  it.each(['not json', '["final"]', '{"final":3}'])('refuses the map %j, naming the variable and the form it wants', (value) => {
    const env = { ...handlerEnvironment({ live }), COMPETITION_ORIGIN_ENDPOINTS: value };

    expect(() => liveConfig(env)).toThrow(/COMPETITION_ORIGIN_ENDPOINTS must be a JSON object of competition ids to origin endpoint ids/);
  });
});
