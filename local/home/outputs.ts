// The local home's outputs file, in the shape the AWS home writes (contracts/outputs.ts): what an
// app or script needs to reach this home.
import type { ClipsOutputs } from '../../contracts/outputs.ts';
import { formatChannelRef } from '../../contracts/liveChannel.ts';
import type { LocalApi } from './api.ts';
import type { LiveChannelView } from './live.ts';

export function localOutputs(api: LocalApi, channels: readonly LiveChannelView[]): ClipsOutputs {
  return {
    home: 'local',
    region: api.region,
    graphql: {
      url: api.graphqlUrl,
      realtimeUrl: api.realtimeUrl,
      ...(api.httpsGraphqlUrl ? { httpsUrl: api.httpsGraphqlUrl, wssRealtimeUrl: api.wssRealtimeUrl, caCertPath: api.caCertPath } : {}),
    },
    auth: {
      ...(api.auth === 'cognito' ? { defaultMode: 'AMAZON_COGNITO_USER_POOLS' } : { defaultMode: 'API_KEY', apiKey: api.credentials.apiKey.id }),
      userPoolId: api.credentials.cognito.userPoolId,
      userPoolClientId: api.credentials.cognito.clientId,
      ...(api.signInUrl ? { signInEndpoint: api.signInUrl } : {}),
      iam: { accessKeyId: api.credentials.iam.accessKeyId, secretAccessKey: api.credentials.iam.secretAccessKey },
    },
    live: { channels: channels.map(({ id, ref, playbackUrl }) => ({ id, originEndpointId: formatChannelRef(ref), playbackUrl })) },
  };
}
