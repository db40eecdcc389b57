// Constructs refuse what would fail later in CloudFormation or at run time, saying what to do.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ClipHandlerError, ClipHandlers } from '../../../infra/constructs/ClipHandlers.ts';
import { VodPackaging, VodPackagingError } from '../../../infra/constructs/VodPackaging.ts';
import { LiveToVodStack, LiveToVodStackError } from '../../../infra/stacks/LiveToVodStack.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const lockFile = join(projectRoot, 'package-lock.json');
const newStack = () => new Stack(new App(), 'Checks');

describe('ClipHandlers', () => {
  it('refuses an entry file that does not exist, telling to write it or leave it out', () => {
    const entry = join(projectRoot, 'functions', 'notYetWritten', 'index.ts');
    expect(() => new ClipHandlers(newStack(), 'H', { depsLockFilePath: lockFile, handlers: [{ name: 'notYetWritten', entry }] })).toThrow(ClipHandlerError);
    expect(() => new ClipHandlers(newStack(), 'H', { depsLockFilePath: lockFile, handlers: [{ name: 'notYetWritten', entry }] })).toThrow(
      /handler notYetWritten: entry .* does not exist: write the handler first or leave it out of the list/,
    );
  });

  it('refuses a name listed twice and a memory size Lambda lacks', () => {
    const entry = join(projectRoot, 'functions', 'startHarvest', 'index.ts');
    expect(() => new ClipHandlers(newStack(), 'H', { depsLockFilePath: lockFile, handlers: [{ name: 'a', entry }, { name: 'a', entry }] })).toThrow(/listed twice/);
    expect(() => new ClipHandlers(newStack(), 'H', { depsLockFilePath: lockFile, handlers: [{ name: 'a', entry, memorySize: 64 }] })).toThrow(/128 to 10240/);
  });
});

describe('VodPackaging', () => {
  it('needs an HLS output, since clips are READY when HLS plays', () => {
    expect(() => new VodPackaging(newStack(), 'P', { outputs: [{ id: 'dash', format: 'DASH', manifestName: 'index', segmentDurationSeconds: 6 }] })).toThrow(VodPackagingError);
  });

  it('refuses ids MediaPackage-VOD refuses', () => {
    expect(() => new VodPackaging(newStack(), 'P', { groupId: 'clips group' })).toThrow(/letters, digits, '_' or '-'/);
  });
});

describe('LiveToVodStack', () => {
  it('asks for the origin endpoint id in the form MediaPackage uses', () => {
    expect(() => new LiveToVodStack(new App(), 'S', { projectRoot, resolvers: [], originEndpointId: 'not an id' })).toThrow(LiveToVodStackError);
    expect(() => new LiveToVodStack(new App(), 'S', { projectRoot, resolvers: [], originEndpointId: 'not an id' })).toThrow(/-c originEndpointId=/);
  });

  it('needs exactly one live origin: an existing endpoint or its own channel', () => {
    expect(() => new LiveToVodStack(new App(), 'S', { projectRoot, resolvers: [] })).toThrow(/exactly one live origin/);
    expect(() => new LiveToVodStack(new App(), 'S', { projectRoot, resolvers: [], originEndpointId: 'live', liveChannel: {} })).toThrow(/exactly one live origin/);
  });

  it('refuses clips older than its own channel keeps', () => {
    expect(() =>
      new LiveToVodStack(new App(), 'S', { projectRoot, resolvers: [], liveChannel: { startoverWindowSeconds: 600 }, startoverWindowSeconds: 3600 }),
    ).toThrow(/must not exceed the live channel's startover window \(600\)/);
  });

  it('refuses a startover window beyond MediaPackage\'s 14 days', () => {
    expect(() => new LiveToVodStack(new App(), 'S', { projectRoot, resolvers: [], originEndpointId: 'live', startoverWindowSeconds: 2_000_000 })).toThrow(
      /startoverWindowSeconds must be a whole number of seconds from 60 to 1209600/,
    );
  });
});
