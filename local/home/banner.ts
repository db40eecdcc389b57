// What `npm start` prints once the home is up: where everything is, which auth mode the API runs
// in, and how to call it in that mode (the API key, or a sign-in), ready to paste.
import { INITIATE_AUTH_TARGET, COGNITO_JSON_CONTENT_TYPE } from '../../contracts/cognitoSignIn.ts';
import type { LocalHome } from './index.ts';

/** The local sign-in's users when none is named: one editor, one viewer. */
const DEFAULT_SIGN_IN_USERS: Readonly<Record<string, readonly string[]>> = { editor: ['editors'], viewer: [] };

/** The default users plus each `NAME[=GROUP,GROUP...]`, or why a value is not one. */
export function localSignInUsers(values: readonly string[]): Record<string, string[]> | string {
  const users: Record<string, string[]> = Object.fromEntries(Object.entries(DEFAULT_SIGN_IN_USERS).map(([name, groups]) => [name, [...groups]]));
  for (const value of values) {
    const match = /^([\w.@+-]{1,128})(?:=([\w.+-]+(?:,[\w.+-]+)*))?$/.exec(value);
    if (!match) return `--user must look like producer=producers,editors (a username, then its groups) or just viewer-2, not ${JSON.stringify(value)}`;
    users[match[1] as string] = match[2] ? match[2].split(',') : [];
  }
  return users;
}

const describeUsers = (users: Readonly<Record<string, readonly string[]>>) =>
  Object.entries(users)
    .map(([name, groups]) => (groups.length ? `${name} (${groups.join(', ')})` : name))
    .join(', ');

const CREATE_CLIP = `'{"query":"mutation { createClip(input: {competition: \\"demo\\"}) { clipId status previewUrl } }"}'`;

function howToCall(home: LocalHome, users: Readonly<Record<string, readonly string[]>> | undefined): string[] {
  const { auth, graphql } = home.outputs;
  if (auth.apiKey) {
    return [
      'Clip the last 60 s:',
      `  curl -s ${graphql.url} -H 'x-api-key: ${auth.apiKey}' -H 'content-type: application/json' \\`,
      `    -d ${CREATE_CLIP}`,
    ];
  }
  const editor = users && Object.entries(users).find(([, groups]) => groups.includes('editors'))?.[0];
  if (!auth.signInEndpoint || !editor) {
    return [
      'Nobody can sign in: start with --local-sign-in to sign in as named users (the page and scripts),',
      `or call as the backend with the IAM keys in ${home.outputsFile} (auth.iam).`,
    ];
  }
  const signIn = JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: auth.userPoolClientId, AuthParameters: { USERNAME: editor, PASSWORD: 'any' } });
  return [
    `Sign in as ${editor} and clip the last 60 s:`,
    `  TOKEN=$(curl -s ${auth.signInEndpoint} -H 'x-amz-target: ${INITIATE_AUTH_TARGET}' -H 'content-type: ${COGNITO_JSON_CONTENT_TYPE}' \\`,
    `    -d '${signIn}' | node -p 'JSON.parse(require("fs").readFileSync(0)).AuthenticationResult.IdToken')`,
    `  curl -s ${graphql.url} -H "authorization: $TOKEN" -H 'content-type: application/json' \\`,
    `    -d ${CREATE_CLIP}`,
  ];
}

export function banner(
  home: LocalHome,
  options: { host: string; exposed: boolean; users: Readonly<Record<string, readonly string[]>> | undefined },
): string {
  const { outputs, outputsFile, ffmpeg, pageUrl } = home;
  const port = new URL(outputs.graphql.url).port;
  const lines = [
    '',
    'Live-to-VOD clips: the local home is up.',
    ...(options.exposed ? [`  EXPOSED        listening on ${options.host} (--expose): anyone who reaches it can use this home`] : []),
    `  Player page    ${pageUrl}`,
    `  GraphQL        ${outputs.graphql.url}`,
    `  Real-time      ${outputs.graphql.realtimeUrl}`,
    ...(outputs.graphql.httpsUrl ? [`  GraphQL (TLS)  ${outputs.graphql.httpsUrl}  (certificate: ${outputs.graphql.caCertPath})`] : []),
    outputs.auth.apiKey
      ? `  Auth           API key (default mode), Cognito user pools and IAM accepted too`
      : `  Auth           Cognito user pools (default mode) and IAM, no API key: as the AWS home (--auth cognito)`,
    ...(outputs.auth.apiKey ? [`  API key        ${outputs.auth.apiKey}`] : []),
    ...(outputs.auth.signInEndpoint && options.users
      ? [
          `  Sign in        ${outputs.auth.signInEndpoint}  (Cognito's InitiateAuth, client ${outputs.auth.userPoolClientId}): ${describeUsers(options.users)}`,
          `  WARNING        --local-sign-in checks no password: whoever reaches port ${port} can sign in as any of these users, editors too`,
        ]
      : []),
    ...outputs.live.channels.map((channel) => `  ${`Live (${channel.id})`.padEnd(15)}${channel.playbackUrl}`),
    `  Outputs        ${outputsFile}`,
    `  ffmpeg         ${ffmpeg.version ?? '(version not stated)'}, ${ffmpeg.path} (${ffmpeg.origin})`,
    '',
    ...howToCall(home, options.users),
    '',
    'Ctrl-C stops everything.',
  ];
  return lines.join('\n');
}
