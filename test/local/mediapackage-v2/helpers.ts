import { MediaPackageV2Client } from '@aws-sdk/client-mediapackagev2';

export function mediaPackageV2Client(endpoint: string, options: { maxAttempts?: number } = {}): MediaPackageV2Client {
  return new MediaPackageV2Client({
    ...options,
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
