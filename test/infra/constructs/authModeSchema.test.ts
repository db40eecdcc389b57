import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuthModeSchemaError, schemaForAuthModes } from '../../../infra/constructs/authModeSchema.ts';

const projectSchema = readFileSync(fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url)), 'utf8');
const prelude = readFileSync(fileURLToPath(new URL('../../../schema/appsync-prelude.graphql', import.meta.url)), 'utf8');

describe('the schema deployed for a set of auth modes', () => {
  it('is the file byte for byte when the API has every mode the schema names', () => {
    expect(schemaForAuthModes(projectSchema, new Set(['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM']))).toBe(projectSchema);
  });

  it('drops only the directives of a missing mode, keeping every line where it was', () => {
    const deployed = schemaForAuthModes(projectSchema, new Set(['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM']));
    expect(deployed).not.toMatch(/@aws_api_key/);
    expect(deployed.split('\n')).toHaveLength(projectSchema.split('\n').length);
    expect(deployed.replace(/\s+/g, ' ')).toBe(projectSchema.replace(/[ \t]*@aws_api_key/g, '').replace(/\s+/g, ' '));
    expect(() => buildSchema(`${prelude}\n${deployed}`)).not.toThrow();
  });

  it('refuses to leave a field with no mode at all, naming it', () => {
    const sdl = 'type Query {\n  secret: String @aws_api_key\n  open: String\n}\n';
    expect(() => schemaForAuthModes(sdl, new Set(['AWS_IAM']))).toThrow(AuthModeSchemaError);
    expect(() => schemaForAuthModes(sdl, new Set(['AWS_IAM']))).toThrow(/Query\.secret allows only @aws_api_key/);
  });

  it('keeps directives that are not about auth', () => {
    const sdl = 'type Subscription {\n  onX: String @aws_subscribe(mutations: ["x"]) @aws_api_key @aws_iam\n}\n';
    expect(schemaForAuthModes(sdl, new Set(['AWS_IAM']))).toBe('type Subscription {\n  onX: String @aws_subscribe(mutations: ["x"]) @aws_iam\n}\n');
  });
});
