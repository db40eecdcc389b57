// The stack's CloudFormation outputs as the outputs file both homes write (contracts/outputs.ts),
// so apps, the player page and scripts configure the same way from either home.
import type { ClipsOutputs } from '../../contracts/outputs.ts';
import { STACK_OUTPUTS } from '../stacks/outputNames.ts';

export class StackOutputsError extends Error {
  override readonly name = 'StackOutputsError';
}

/** Where the live stream plays when the stack does not say (looked up from MediaPackage). */
export interface LiveLookup {
  playbackUrl: string;
}

export function clipsOutputsFromStack(outputs: Readonly<Record<string, string>>, live?: LiveLookup): ClipsOutputs {
  const required = (name: keyof typeof STACK_OUTPUTS): string => {
    const value = outputs[STACK_OUTPUTS[name]];
    if (!value) throw new StackOutputsError(`the stack has no ${STACK_OUTPUTS[name]} output: deploy infra/ again`);
    return value;
  };
  const apiKey = outputs[STACK_OUTPUTS.apiKey];
  const playbackUrl = outputs[STACK_OUTPUTS.livePlaybackUrl] ?? live?.playbackUrl;
  if (!playbackUrl) throw new StackOutputsError('no live playback URL: pass -c livePlaybackUrl=<url> or let the deploy script look it up');
  const originEndpointId = required('originEndpointId');
  return {
    home: 'aws',
    region: required('region'),
    graphql: { url: required('graphqlUrl'), realtimeUrl: required('realtimeUrl') },
    auth: {
      defaultMode: 'AMAZON_COGNITO_USER_POOLS',
      userPoolId: required('userPoolId'),
      userPoolClientId: required('userPoolClientId'),
      ...(apiKey ? { apiKey } : {}),
    },
    live: { channels: [{ id: originEndpointId, originEndpointId, playbackUrl }] },
  };
}
