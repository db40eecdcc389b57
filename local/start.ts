// `npm start`: brings up the whole local home and prints where everything is.
// Flags (all optional): --data-dir DIR, --port N (the API; the other services take the next
// ports), --host H (127.0.0.1; another address needs --expose, see home/exposure.ts), --source FILE (loop a media file instead of the test pattern), --startover-window S,
// --harvest-quota N, --channel [v1:]ID=COMPETITION[,COMPETITION...] (a further live channel,
// repeatable, that those competitions clip from, on MediaPackage v2 or with `v1:` on v1; every
// other competition clips from the default channel),
// --ffmpeg PATH (the ffmpeg to run; FFMPEG_PATH does the same),
// --auth api-key|cognito (cognito: the AWS home's auth shape, no API key), --local-sign-in (answer
// Cognito's InitiateAuth for the users editor and viewer and each --user NAME[=GROUP,...], with
// no password checked).
// Ctrl-C stops everything.
import { parseArgs } from 'node:util';
import { exposureRefusal } from './home/exposure.ts';
import { DEFAULT_CHANNELS, startLocalHome, type LiveChannel, type LocalAuthMode, type LocalHome } from './home/index.ts';
import { banner, localSignInUsers } from './home/banner.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data' },
    port: { type: 'string', default: '4000' },
    source: { type: 'string', default: 'testsrc' },
    'startover-window': { type: 'string', default: '3600' },
    'harvest-quota': { type: 'string', default: '10' },
    channel: { type: 'string', multiple: true, default: [] },
    ffmpeg: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    expose: { type: 'boolean', default: false },
    auth: { type: 'string', default: 'api-key' },
    'local-sign-in': { type: 'boolean', default: false },
    user: { type: 'string', multiple: true, default: [] },
  },
});

function authMode(value: string): LocalAuthMode {
  if (value === 'api-key' || value === 'cognito') return value;
  console.error(`--auth must be api-key (the default: apps call with the printed API key) or cognito (as the AWS home: sign in, no API key), not ${JSON.stringify(value)}`);
  process.exit(2);
}
const auth = authMode(values.auth);
if (values.user.length > 0 && !values['local-sign-in']) {
  console.error('--user names a user of the local sign-in: add --local-sign-in');
  process.exit(2);
}
const users = localSignInUsers(values.user);
if (typeof users === 'string') {
  console.error(users);
  process.exit(2);
}

const refusal = exposureRefusal(values.host, values.expose);
if (refusal) {
  console.error(`[home] ${refusal}`);
  process.exit(2);
}

function positiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`--${flag} must be a positive whole number, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
}

function channel(value: string): LiveChannel {
  const match = /^(v1:)?([A-Za-z0-9_-]+)=([A-Za-z0-9_,-]+)$/.exec(value);
  if (!match) {
    console.error(
      `--channel must look like arena-2=final,semifinal (a channel id, then the competitions it carries; v1:arena-2=... for MediaPackage v1), not ${JSON.stringify(value)}`,
    );
    process.exit(2);
  }
  const [, v1, id, competitions] = match as unknown as [string, string | undefined, string, string];
  return { id, originEndpointId: `${id}-hls`, version: v1 ? 'v1' : 'v2', competitions: competitions.split(',').filter(Boolean) };
}

const port = positiveInteger('port', values.port);
const channels = [...DEFAULT_CHANNELS, ...values.channel.map(channel)];
let home: LocalHome | undefined;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) {
    console.log(`[home] ${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  console.log(`[home] ${signal}: stopping (Ctrl-C again to force)`);
  await home?.stop();
  console.log('[home] stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  home = await startLocalHome({
    dataDir: values['data-dir'],
    host: values.host,
    ports: { api: port, apiTls: port + 1, dynamodb: port + 2, mediaPackage: port + 3, mediaPackageVod: port + 4, objectStore: port + 5, mediaPackageV2: port + 6 },
    source: values.source,
    channels,
    startoverWindowSeconds: positiveInteger('startover-window', values['startover-window']),
    harvestQuota: positiveInteger('harvest-quota', values['harvest-quota']),
    ffmpegPath: values.ffmpeg,
    auth,
    ...(values['local-sign-in'] ? { localSignIn: { users } } : {}),
  });
} catch (error) {
  console.error(`[home] could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[home] a port from ${port} to ${port + 6} is taken: is another npm start running? Or pick others with --port`);
  }
  process.exit(1);
}

console.log(banner(home, { host: values.host, exposed: exposureRefusal(values.host, false) !== undefined, users: values['local-sign-in'] ? users : undefined }));
