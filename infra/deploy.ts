// npm run deploy -- -c originEndpointId=<id> [-c apiKey=true] [other cdk deploy arguments]
// Deploys the stack with the CDK CLI, then writes its outputs to the outputs file of the shape
// the local home writes (default .data/aws-outputs.json; OUTPUTS_FILE to change), looking the
// live playback URL up from MediaPackage (v1 or v2, as the handlers do) when the stack was not
// given one.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseChannelRef } from '../contracts/liveChannel.ts';
import { writeOutputs } from '../contracts/outputs.ts';
import { liveChannels } from '../functions/commons/liveChannels.ts';
import { clipsOutputsFromStack } from './deploy/clipsOutputs.ts';
import { STACK_OUTPUTS } from './stacks/outputNames.ts';

const outputsFile = resolve(process.env.OUTPUTS_FILE ?? '.data/aws-outputs.json');
const workDir = await mkdtemp(join(tmpdir(), 'clips-deploy-'));
const cdkOutputs = join(workDir, 'cdk-outputs.json');

try {
  const args = ['cdk', 'deploy', '--no-notices', '--outputs-file', cdkOutputs, ...process.argv.slice(2)];
  const run = spawnSync('npx', args, { stdio: 'inherit', env: { CDK_DISABLE_CLI_TELEMETRY: 'true', ...process.env } });
  if (run.status !== 0) process.exit(run.status ?? 1);

  const byStack = JSON.parse(await readFile(cdkOutputs, 'utf8')) as Record<string, Record<string, string>>;
  const [stackName, outputs] = Object.entries(byStack)[0] ?? [];
  if (!stackName || !outputs) throw new Error(`cdk deploy wrote no outputs to ${cdkOutputs}`);

  let live;
  if (!outputs[STACK_OUTPUTS.livePlaybackUrl]) {
    const id = outputs[STACK_OUTPUTS.originEndpointId] ?? '';
    const ref = parseChannelRef(id);
    if (!ref) throw new Error(`the stack's origin endpoint output '${id}' names no MediaPackage origin endpoint`);
    const region = outputs[STACK_OUTPUTS.region];
    const channels = liveChannels({ defaultChannel: ref, competitionChannels: {} }, region ? { region } : {});
    live = { playbackUrl: (await channels.channelOf('default')).playbackUrl };
  }
  await writeOutputs(outputsFile, clipsOutputsFromStack(outputs, live));
  console.log(`[deploy] ${stackName}: outputs written to ${outputsFile}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
