// The clips table on AWS, built from the same definition the local home creates its table from
// (contracts/clipTable.ts): keys, attribute types and secondary indexes cannot drift
// between the homes.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { AttributeDefinition, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { Construct } from 'constructs';
import { CLIP_TABLE_TTL_ATTRIBUTE, clipTableDefinition } from '../../contracts/clipTable.ts';
import { CLIP_TABLE_STREAM_VIEW } from '../../contracts/tableStream.ts';

export interface ClipTableProps {
  /**
   * What happens to the clips when the stack is deleted.
   * @default RemovalPolicy.RETAIN (the clip library outlives a redeploy)
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Point-in-time recovery.
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
}

export class ClipTableDefinitionError extends Error {
  override readonly name = 'ClipTableDefinitionError';
}

/**
 * On-demand, point-in-time recovery, the local home's key schema, TTL (client tokens, retention,
 * tombstones) and a stream of old images, which the expiry handler reads TTL removals from.
 */
export class ClipTable extends Construct {
  readonly table: dynamodb.Table;
  /** The names of the table's global secondary indexes, as the shared definition declares them. */
  readonly indexNames: readonly string[];

  constructor(scope: Construct, id: string, props: ClipTableProps = {}) {
    super(scope, id);
    // The name is CloudFormation's to choose; only the shape matters here.
    const definition = clipTableDefinition('clips');
    const attributes = definition.AttributeDefinitions ?? [];
    const [partitionKey, sortKey] = keyAttributes(definition.KeySchema ?? [], attributes, 'table');
    if (!partitionKey) throw new ClipTableDefinitionError('the clip table definition has no HASH key: fix contracts/clipTable.ts');

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey,
      ...(sortKey ? { sortKey } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery ?? true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: CLIP_TABLE_TTL_ATTRIBUTE,
      stream: dynamodb.StreamViewType[CLIP_TABLE_STREAM_VIEW],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    const indexes = definition.GlobalSecondaryIndexes ?? [];
    for (const index of indexes) this.addIndex(index, attributes);
    this.indexNames = indexes.map((index) => index.IndexName ?? '');
  }

  /**
   * Feeds the table's time-to-live removals to `fn`, and only those: the filter matches the
   * identity DynamoDB Streams gives TTL deletions (API reference, Record.userIdentity), so writes
   * by the API and the handlers never invoke it.
   */
  streamTo(fn: lambda.IFunction): void {
    fn.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // A failing batch is split to find the record that fails; a removal's tombstone is written
        // first, so what is left behind is finished by the sweeper.
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: false,
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('REMOVE'),
            userIdentity: { type: lambda.FilterRule.isEqual('Service'), principalId: lambda.FilterRule.isEqual('dynamodb.amazonaws.com') },
          }),
        ],
      }),
    );
  }

  private addIndex(index: GlobalSecondaryIndex, attributes: AttributeDefinition[]): void {
    const name = index.IndexName;
    if (!name) throw new ClipTableDefinitionError('a global secondary index in the clip table definition has no IndexName');
    const [partitionKey, sortKey] = keyAttributes(index.KeySchema ?? [], attributes, `index ${name}`);
    if (!partitionKey) throw new ClipTableDefinitionError(`index ${name} of the clip table definition has no HASH key`);
    const projection = index.Projection?.ProjectionType ?? 'ALL';
    this.table.addGlobalSecondaryIndex({
      indexName: name,
      partitionKey,
      ...(sortKey ? { sortKey } : {}),
      projectionType: projectionType(projection, name),
      ...(projection === 'INCLUDE' ? { nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [] } : {}),
    });
  }
}

function keyAttributes(
  keys: KeySchemaElement[],
  attributes: AttributeDefinition[],
  where: string,
): [dynamodb.Attribute | undefined, dynamodb.Attribute | undefined] {
  const find = (keyType: 'HASH' | 'RANGE') => {
    const key = keys.find((element) => element.KeyType === keyType);
    if (!key?.AttributeName) return undefined;
    const attribute = attributes.find((definition) => definition.AttributeName === key.AttributeName);
    if (!attribute) {
      throw new ClipTableDefinitionError(`${where}: key ${key.AttributeName} has no AttributeDefinitions entry in contracts/clipTable.ts`);
    }
    return { name: key.AttributeName, type: attributeType(attribute) };
  };
  return [find('HASH'), find('RANGE')];
}

function attributeType(attribute: AttributeDefinition): dynamodb.AttributeType {
  switch (attribute.AttributeType) {
    case 'S':
      return dynamodb.AttributeType.STRING;
    case 'N':
      return dynamodb.AttributeType.NUMBER;
    case 'B':
      return dynamodb.AttributeType.BINARY;
    default:
      throw new ClipTableDefinitionError(`attribute ${attribute.AttributeName} has no key type (S, N or B)`);
  }
}

function projectionType(type: string, index: string): dynamodb.ProjectionType {
  switch (type) {
    case 'ALL':
      return dynamodb.ProjectionType.ALL;
    case 'KEYS_ONLY':
      return dynamodb.ProjectionType.KEYS_ONLY;
    case 'INCLUDE':
      return dynamodb.ProjectionType.INCLUDE;
    default:
      throw new ClipTableDefinitionError(`index ${index} has an unknown projection ${type}`);
  }
}
