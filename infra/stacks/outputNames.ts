// The stack's output names, shared by the stack that declares them and the deploy script that
// turns them into the outputs file.
export const STACK_OUTPUTS = {
  graphqlUrl: 'GraphqlUrl',
  realtimeUrl: 'RealtimeUrl',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  region: 'Region',
  originEndpointId: 'OriginEndpointId',
  clipsBucket: 'ClipsBucket',
  livePlaybackUrl: 'LivePlaybackUrl',
  apiKey: 'ApiKey',
  mediaLiveChannelId: 'MediaLiveChannelId',
  liveSourceUrl: 'LiveSourceUrl',
} as const;
