// The one file both homes write to say where the system is: `npm start` writes
// `.data/outputs.json`, the AWS home's deploy script writes the same shape from the stack's
// outputs. Apps, the player page and scripts configure from it in either home.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface ClipsOutputs {
  home: 'local' | 'aws';
  region: string;
  graphql: {
    /** AppSync's GraphQL endpoint (`POST`). */
    url: string;
    /** AppSync's real-time endpoint (WebSocket). */
    realtimeUrl: string;
    /** Local home only, when TLS is on: the same API over https/wss, for AWS Amplify. */
    httpsUrl?: string;
    wssRealtimeUrl?: string;
    /** Local home only: the self-signed certificate to trust for httpsUrl. */
    caCertPath?: string;
  };
  auth: {
    /** The mode apps use by default. */
    defaultMode: 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS';
    /** Present only where the API accepts one (the local home's default, or an AWS home deployed with -c apiKey=true). */
    apiKey?: string;
    userPoolId?: string;
    userPoolClientId?: string;
    /**
     * Where Cognito's InitiateAuth (USER_PASSWORD_AUTH) goes (contracts/cognitoSignIn.ts): the local
     * home's sign-in when it is on; absent on AWS, where it is Cognito's endpoint for `region`.
     */
    signInEndpoint?: string;
    /** Local home only: the backend's IAM key pair, for scripts that call @aws_iam fields. */
    iam?: { accessKeyId: string; secretAccessKey: string };
  };
  live: {
    channels: Array<{ id: string; originEndpointId: string; playbackUrl: string }>;
  };
}

export async function writeOutputs(file: string, outputs: ClipsOutputs): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Written whole and renamed, so a reader never sees half a file.
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(outputs, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, file);
}
