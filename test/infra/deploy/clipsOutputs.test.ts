import { describe, expect, it } from 'vitest';
import { clipsOutputsFromStack, StackOutputsError } from '../../../infra/deploy/clipsOutputs.ts';

const stackOutputs = {
  GraphqlUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  RealtimeUrl: 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
  UserPoolId: 'eu-west-1_AbCdEf',
  UserPoolClientId: 'client123',
  Region: 'eu-west-1',
  OriginEndpointId: 'live-hls',
  ClipsBucket: 'clips-bucket',
  LivePlaybackUrl: 'https://x.mediapackage.eu-west-1.amazonaws.com/out/v1/y/index.m3u8',
};

const without = (name: keyof typeof stackOutputs): Record<string, string> =>
  Object.fromEntries(Object.entries(stackOutputs).filter(([key]) => key !== name));

describe('the outputs file of the AWS home', () => {
  it('has the shape the local home writes, with Cognito as the default mode', () => {
    expect(clipsOutputsFromStack(stackOutputs)).toEqual({
      home: 'aws',
      region: 'eu-west-1',
      graphql: { url: stackOutputs.GraphqlUrl, realtimeUrl: stackOutputs.RealtimeUrl },
      auth: { defaultMode: 'AMAZON_COGNITO_USER_POOLS', userPoolId: 'eu-west-1_AbCdEf', userPoolClientId: 'client123' },
      live: { channels: [{ id: 'live-hls', originEndpointId: 'live-hls', playbackUrl: stackOutputs.LivePlaybackUrl }] },
    });
  });

  it('carries the API key only when the stack has one', () => {
    expect(clipsOutputsFromStack({ ...stackOutputs, ApiKey: 'da2-key' }).auth.apiKey).toBe('da2-key');
  });

  it('takes the looked-up playback URL when the stack was given none', () => {
    const outputs = clipsOutputsFromStack(without('LivePlaybackUrl'), { playbackUrl: 'https://looked.up/index.m3u8' });
    expect(outputs.live.channels[0]?.playbackUrl).toBe('https://looked.up/index.m3u8');
  });

  it('names the missing output', () => {
    const withoutUrl = without('GraphqlUrl');
    expect(() => clipsOutputsFromStack(withoutUrl)).toThrow(StackOutputsError);
    expect(() => clipsOutputsFromStack(withoutUrl)).toThrow(/GraphqlUrl/);
  });
});
