// Where clips live on AWS: the bucket MediaPackage harvests into and MediaPackage-VOD ingests
// from, and the two roles the services assume for that: one that writes, one that reads. They read
// and write the bucket with these roles, never with the caller's credentials, so the roles are
// the only way in besides the stack.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, nagAttribute } from './nagFindings.ts';
import { serviceRole, type ServiceRole } from './serviceRole.ts';

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
  /** Writes harvests: the `S3Destination.RoleArn` of CreateHarvestJob. */
  readonly harvestRole: ServiceRole;
  /** Reads harvests: the `SourceRoleArn` of MediaPackage-VOD's CreateAsset. */
  readonly ingestRole: ServiceRole;

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

    const bucketActions = (actions: string[]) => new iam.PolicyStatement({ actions, resources: [this.bucket.bucketArn] });
    const objectActions = (actions: string[]) => new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects('*')] });

    // MediaPackage user guide, "Allowing AWS Elemental MediaPackage to access other AWS services"
    // (https://docs.aws.amazon.com/mediapackage/latest/ug/setting-up-create-trust-rel.html): the
    // live-to-VOD policy is PutObject, ListBucket and GetBucketLocation; the trust policy names
    // mediapackage.amazonaws.com. The user guide's "Cross-service confused deputy prevention"
    // (https://docs.aws.amazon.com/mediapackage/latest/ug/cross-service-confused-deputy-prevention.html)
    // documents aws:SourceAccount and aws:SourceArn for harvest jobs. CreateHarvestJob authorizes
    // iam:PassRole with iam:PassedToService = mediapackage.amazonaws.com (Service Authorization
    // Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselementalmediapackage.html).
    this.harvestRole = serviceRole(this, 'HarvestRole', {
      description: 'Assumed by MediaPackage to write harvested clips to the clips bucket',
      assumedBy: 'mediapackage.amazonaws.com',
      passedToService: 'mediapackage.amazonaws.com',
      requireSourceAccount: true,
      statements: [bucketActions(['s3:GetBucketLocation', 's3:ListBucket']), objectActions(['s3:PutObject'])],
    });
    // The same user guide's "Amazon S3 access for VOD workflows": GetObject, GetBucketLocation,
    // GetBucketRequestPayment (MediaPackage refuses a requester-pays bucket) and ListBucket, with
    // the same trust principal. Its confused-deputy example covers harvest jobs only, and no page
    // says VOD ingest sends aws:SourceAccount, so this trust policy has no condition: one on an
    // absent key would fail every ingest with IngestError. CreateAsset authorizes iam:PassRole
    // with iam:PassedToService = mediapackage-vod.amazonaws.com (Service Authorization Reference,
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselementalmediapackagevod.html).
    this.ingestRole = serviceRole(this, 'IngestRole', {
      description: 'Assumed by MediaPackage-VOD to read harvested clips from the clips bucket when it ingests an asset',
      assumedBy: 'mediapackage.amazonaws.com',
      passedToService: 'mediapackage-vod.amazonaws.com',
      statements: [bucketActions(['s3:GetBucketLocation', 's3:GetBucketRequestPayment', 's3:ListBucket']), objectActions(['s3:GetObject'])],
    });

    if (!props.accessLogsBucket) {
      acknowledge(this.bucket, 'S1', 'Only MediaPackage writes and reads this bucket, through its roles; pass accessLogsBucket where an audit of object access is required');
    }
    for (const { role } of [this.harvestRole, this.ingestRole]) {
      acknowledge(role, 'IAM5', 'MediaPackage chooses object keys per clip (manifest, playlists, segments) under the harvest job\'s manifest key: the role needs every object of this one bucket', [
        `Resource::${nagAttribute(this.bucket)}/*`,
      ]);
    }
  }

  private v2Harvests = false;

  /**
   * Lets MediaPackage v2 write harvests: v2 takes no role, it writes as its service principal
   * under the bucket's policy ("grant the MediaPackage v2 service principal access to PutObject in
   * your S3 bucket policy", MediaPackage v2 user guide, "Creating live-to-VOD assets"), limited
   * to this account's jobs by aws:SourceAccount (the user guide's confused-deputy guidance).
   */
  allowMediaPackageV2Harvests(): void {
    if (this.v2Harvests) return;
    this.v2Harvests = true;
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('mediapackagev2.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}
