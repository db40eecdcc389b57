// Where clips live on AWS: the bucket MediaPackage harvests into and MediaPackage-VOD ingests
// from, and the role MediaPackage assumes for both. MediaPackage reads and writes the bucket with
// this role, never with the caller's credentials, so the role is the only way in besides the stack.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, nagAttribute } from './nagFindings.ts';

export interface ClipStorageProps {
  /**
   * What happens to the harvested clips when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * A bucket for S3 server access logs of the clips bucket.
   * @default no access logs
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default 7
   */
  readonly abortIncompleteUploadAfterDays?: number;
}

export class ClipStorage extends Construct {
  /** Encrypted, public access blocked, TLS only. */
  readonly bucket: s3.Bucket;
  /** Assumed by MediaPackage (harvest jobs write, VOD ingest reads) and nothing else. */
  readonly mediaPackageRole: iam.Role;
  /** Lets `grantee` hand the MediaPackage role to MediaPackage (harvest jobs, VOD assets) and to nothing else. */
  readonly grantPassRole: (grantee: iam.IGrantable) => iam.Grant;

  constructor(scope: Construct, id: string, props: ClipStorageProps = {}) {
    super(scope, id);
    const abortDays = props.abortIncompleteUploadAfterDays ?? 7;
    if (!Number.isInteger(abortDays) || abortDays < 1) {
      throw new RangeError(`abortIncompleteUploadAfterDays must be a whole number of days >= 1, got ${abortDays}`);
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(abortDays) }],
      removalPolicy,
      autoDeleteObjects: false,
      ...(props.accessLogsBucket ? { serverAccessLogsBucket: props.accessLogsBucket, serverAccessLogsPrefix: 'clips/' } : {}),
    });

    const { account } = Stack.of(this);
    this.mediaPackageRole = new iam.Role(this, 'MediaPackageRole', {
      description: 'Assumed by MediaPackage to write harvested clips to the clips bucket and by MediaPackage-VOD to ingest them',
      // aws:SourceAccount keeps another account's MediaPackage from using this role (confused deputy).
      assumedBy: new iam.ServicePrincipal('mediapackage.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    // The actions MediaPackage's user guide lists for harvest jobs (write) and VOD ingest (read).
    this.mediaPackageRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:GetBucketRequestPayment', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.mediaPackageRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );

    this.grantPassRole = (grantee) =>
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['iam:PassRole'],
        resourceArns: [this.mediaPackageRole.roleArn],
        // The role is for MediaPackage alone, even in the hands of a handler.
        conditions: { StringEquals: { 'iam:PassedToService': 'mediapackage.amazonaws.com' } },
      });

    if (!props.accessLogsBucket) {
      acknowledge(this.bucket, 'S1', 'Only MediaPackage writes and reads this bucket, through its role; pass accessLogsBucket where an audit of object access is required');
    }
    acknowledge(this.mediaPackageRole, 'IAM5', 'MediaPackage chooses object keys per clip (manifest, playlists, segments) under the harvest job\'s manifest key: the role needs every object of this one bucket', [
      `Resource::${nagAttribute(this.bucket)}/*`,
    ]);
  }
}
