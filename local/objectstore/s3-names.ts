import { InvalidObjectNameError } from './errors.ts';

export interface S3Location {
  bucket: string;
  key: string;
}

/** `arn:aws:s3:::bucket/key` (the form MediaPackage-VOD's SourceArn takes) -> bucket and key. */
export function fromS3Arn(arn: string): S3Location {
  const match = /^arn:aws[a-z-]*:s3:::([^/]+)\/(.+)$/.exec(arn);
  if (!match?.[1] || !match[2]) throw new InvalidObjectNameError(arn, undefined, 'not an S3 object ARN');
  return { bucket: match[1], key: match[2] };
}

/** `s3://bucket/key` -> bucket and key. */
export function fromS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!match?.[1] || !match[2]) throw new InvalidObjectNameError(url, undefined, 'not an s3:// object URL');
  return { bucket: match[1], key: match[2] };
}

export function toS3Url({ bucket, key }: S3Location): string {
  return `s3://${bucket}/${key}`;
}
