// The API construct on its own, with the real schema and resolver bundles and a stand-in Lambda
// for startHarvest (the stack test covers the real handler).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_LIMITS } from '../../../contracts/apiLimits.ts';
import { bundleResolvers, readSchema, type ResolverBundle } from '../../../resolvers/bundle/index.ts';
import { ClipsApi, ClipsApiError, type ClipsApiProps } from '../../../infra/constructs/ClipsApi.ts';

const projectPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const schemaFile = projectPath('schema/schema.graphql');

let bundles: ResolverBundle[];

function apiIn(stack: Stack, props: Partial<ClipsApiProps> = {}): ClipsApi {
  const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'competition', type: dynamodb.AttributeType.STRING } });
  const fn = new lambda.Function(stack, 'StartHarvest', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
  return new ClipsApi(stack, 'Api', { schemaFile, resolvers: bundles, tables: { clips: table }, functions: { startHarvest: fn, removeClip: fn, listCompetitions: fn, describeLiveChannel: fn, cancelClip: fn }, ...props });
}

beforeAll(async () => {
  const schema = await readSchema([projectPath('schema/appsync-prelude.graphql'), schemaFile]);
  bundles = await bundleResolvers({ resolversDir: projectPath('resolvers'), schema });
});

describe('the clips API with the development API key on', () => {
  let template: Template;
  let api: ClipsApi;

  beforeAll(() => {
    const stack = new Stack(new App(), 'WithKey');
    api = apiIn(stack, { apiKeyExpiresAfter: Duration.days(7) });
    template = Template.fromStack(stack);
  });

  it('accepts API keys besides Cognito and IAM, and has one', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: Match.arrayWith([{ AuthenticationType: 'AWS_IAM' }, { AuthenticationType: 'API_KEY' }]),
    });
    template.resourceCountIs('AWS::AppSync::ApiKey', 1);
  });

  it('sets the query depth and resolver count limits the local runtime enforces', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      QueryDepthLimit: API_LIMITS.queryDepthLimit,
      ResolverCountLimit: API_LIMITS.resolverCountLimit,
    });
    // Inside AppSync's documented ranges (CreateGraphqlApi): depth 1-75, resolvers 1-10,000.
    expect(API_LIMITS.queryDepthLimit).toBeGreaterThanOrEqual(1);
    expect(API_LIMITS.queryDepthLimit).toBeLessThanOrEqual(75);
    expect(API_LIMITS.resolverCountLimit).toBeGreaterThanOrEqual(1);
    expect(API_LIMITS.resolverCountLimit).toBeLessThanOrEqual(10_000);
  });

  it('deploys schema/schema.graphql byte for byte', () => {
    const schema = Object.values(template.findResources('AWS::AppSync::GraphQLSchema'))[0] as { Properties: { Definition: string } };
    expect(schema.Properties.Definition).toBe(readFileSync(schemaFile, 'utf8'));
    expect(api.deployedSchema).toBe(readFileSync(schemaFile, 'utf8'));
  });
});

describe('the clips API refuses at synth time', () => {
  it('a resolver whose data source it was not given, naming both', () => {
    const stack = new Stack(new App(), 'Missing');
    expect(() => apiIn(stack, { functions: {} })).toThrow(ClipsApiError);
    expect(() => apiIn(new Stack(new App(), 'Missing2'), { functions: {} })).toThrow(/Mutation\.cancelClip uses data source 'cancelClip'.*pass it in 'tables' or 'functions'/);
  });

  it('a data source name AppSync would refuse', () => {
    const stack = new Stack(new App(), 'BadName');
    const table = new dynamodb.Table(stack, 'Other', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    expect(() => apiIn(stack, { tables: { 'clip-table': table } })).toThrow(/'clip-table' must be letters, digits and '_'/);
  });

  it('a bundle over AppSync\'s code size limit, naming it', () => {
    const [first, ...rest] = bundles;
    if (!first) throw new Error('no resolvers');
    const oversized = { ...first, code: `${first.code}\n//${'x'.repeat(33 * 1024)}` } as ResolverBundle;
    expect(() => apiIn(new Stack(new App(), 'Big'), { resolvers: [oversized, ...rest] })).toThrow(/over AppSync's 32768 per resolver or function/);
  });

  it('an API key AppSync would not issue', () => {
    expect(() => apiIn(new Stack(new App(), 'LongKey'), { apiKeyExpiresAfter: Duration.days(400) })).toThrow(/1 to 365 days/);
  });
});

describe('the clips API as deployed by default', () => {
  let template: Template;

  beforeAll(() => {
    const stack = new Stack(new App(), 'Default');
    apiIn(stack);
    template = Template.fromStack(stack);
  });

  it('defaults to Cognito user pools with IAM beside it, and has no API key', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
    });
    template.resourceCountIs('AWS::AppSync::ApiKey', 0);
  });

  // The player page signs in from the browser with InitiateAuth USER_PASSWORD_AUTH over fetch
  // (contracts/cognitoSignIn.ts): a public client, with that flow allowed and no secret to hash.
  it('lets the page sign in with a password: USER_PASSWORD_AUTH allowed on a client without a secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      GenerateSecret: false,
    });
  });
});
