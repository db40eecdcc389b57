// Which origin endpoint a competition clips from, as the handlers read it from the environment.
import { afterEach, describe, expect, it } from 'vitest';
import { harvestConfig, originEndpointFor } from '../../../functions/commons/config.ts';

const base = { ORIGIN_ENDPOINT_ID: 'live-hls', CLIPS_BUCKET: 'clips', MEDIAPACKAGE_ROLE_ARN: 'arn:aws:iam::000000000000:role/r' };
const saved = { ...process.env };

function withEnvironment(variables: Record<string, string>) {
  Object.assign(process.env, base, variables);
}

afterEach(() => {
  process.env = { ...saved };
});

describe('originEndpointFor', () => {
  it('sends a mapped competition to its channel and every other one to the default', () => {
    withEnvironment({ COMPETITION_ORIGIN_ENDPOINTS: '{"final":"arena-2-hls"}' });
    const config = harvestConfig();

    expect(originEndpointFor(config, 'final')).toBe('arena-2-hls');
    expect(originEndpointFor(config, 'heats')).toBe('live-hls');
  });

  it('uses the default channel for all when no map is set', () => {
    withEnvironment({});
    delete process.env.COMPETITION_ORIGIN_ENDPOINTS;

    expect(originEndpointFor(harvestConfig(), 'final')).toBe('live-hls');
  });

  it.each(['not json', '["final"]', '{"final":3}'])('refuses the map %j, naming the variable and the form it wants', (value) => {
    withEnvironment({ COMPETITION_ORIGIN_ENDPOINTS: value });

    expect(() => harvestConfig()).toThrow(/COMPETITION_ORIGIN_ENDPOINTS must be a JSON object of competition ids to origin endpoint ids/);
  });
});
