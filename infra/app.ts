// The CDK app: bundles the resolvers exactly as the local home does, then builds the stack.
// Context (cdk.json or -c): originEndpointId (an existing origin) or liveChannel=true (a channel
// of this stack; liveChannelMediaPackage=v2 puts it on MediaPackage v2), livePlaybackUrl, apiKey
// (true for a 7-day development key),
// startoverWindowSeconds, competitionOriginEndpoints (JSON: competition id -> origin endpoint id),
// firewall (false to deploy without AWS WAF), stackName.
import { fileURLToPath } from 'node:url';
import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { bundleResolvers, readSchema } from '../resolvers/bundle/index.ts';
import { LiveToVodStack } from './stacks/LiveToVodStack.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const path = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

const app = new App();
const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

const originEndpointId = context('originEndpointId');
const liveChannel = context('liveChannel') === 'true';
const liveChannelMediaPackage = context('liveChannelMediaPackage');
if (liveChannelMediaPackage !== undefined && liveChannelMediaPackage !== 'v1' && liveChannelMediaPackage !== 'v2') {
  throw new Error(`-c liveChannelMediaPackage must be v1 or v2, not ${liveChannelMediaPackage}`);
}
if (!originEndpointId && !liveChannel) {
  throw new Error('Set the live origin: -c originEndpointId=<MediaPackage origin endpoint id>, or -c liveChannel=true (see infra/README.md)');
}
const startover = context('startoverWindowSeconds');
const livePlaybackUrl = context('livePlaybackUrl');
const competitionOriginEndpoints = context('competitionOriginEndpoints');

const schema = await readSchema([path('schema/appsync-prelude.graphql'), path('schema/schema.graphql')]);
const resolvers = await bundleResolvers({ resolversDir: path('resolvers'), schema });

new LiveToVodStack(app, context('stackName') ?? 'LiveToVodClips', {
  projectRoot,
  resolvers,
  ...(originEndpointId ? { originEndpointId } : {}),
  ...(liveChannel ? { liveChannel: liveChannelMediaPackage ? { mediaPackageVersion: liveChannelMediaPackage } : {} } : {}),
  ...(livePlaybackUrl ? { livePlaybackUrl } : {}),
  ...(competitionOriginEndpoints ? { competitionOriginEndpoints: JSON.parse(competitionOriginEndpoints) as Record<string, string> } : {}),
  ...(startover ? { startoverWindowSeconds: Number(startover) } : {}),
  ...(context('apiKey') === 'true' ? { apiKeyExpiresAfter: Duration.days(7) } : {}),
  ...(context('firewall') === 'false' ? { firewall: false } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Live-to-VOD clips: AppSync API, clip table, MediaPackage harvest and VOD packaging',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
