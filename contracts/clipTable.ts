// The clips table's shape, shared by both homes: infra/ creates it on AWS, the local home on its
// DynamoDB server. The seed's keys: competition (partition), clipId (sort; begins with the start
// time). Client-token records carry `expiresAt` for DynamoDB's time to live.
//
// The in-flight index: a clip carries `inFlightStatus` (its status) and `inFlightSince` (when it
// entered it) only while it is waiting to harvest (PENDING after a quota refusal), HARVESTING or
// PACKAGING. The index is therefore sparse and small (at most the in-flight clips of every
// competition), and answers "the oldest waiting clips" and "clips stuck in a status since before
// T" with a query instead of a scan of the whole library. A READY or FAILED clip whose publish
// failed stays in it as UNPUBLISHED until the sweeper has told subscribers. A clip the createClip
// pipeline has written but not yet recorded a harvest start for is CREATING: for milliseconds
// normally, and found by the sweeper when the pipeline stopped in between. A DELETED clip whose
// asset and files are still being removed is DELETING, so a removal that stopped half-way is
// finished by the sweeper.
//
// The changes index: every write of a clip sets `updatedAt`, so an index on (competition,
// updatedAt) lists a competition's changes in order, deletions included (a deleted clip stays as
// a DELETED tombstone for TOMBSTONE_RETENTION_DAYS). Client-token records have no updatedAt and
// stay out of it.
//
// Retention: a clip carries `expiresAt` (epoch seconds) when the API is configured to expire
// clips; DynamoDB's time to live removes the item and the table's stream hands the old item to
// the expiry handler, which removes the asset and files and leaves a tombstone.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const CLIP_TABLE_KEYS = { partition: 'competition', sort: 'clipId' } as const;
export const CLIP_TABLE_TTL_ATTRIBUTE = 'expiresAt';
export const IN_FLIGHT_INDEX = {
  name: 'clipsInFlight',
  partition: 'inFlightStatus',
  sort: 'inFlightSince',
} as const;
/** The index's partition for final clips whose publishClipUpdate has not gone through yet. */
export const UNPUBLISHED = 'UNPUBLISHED';
/** The index's partition for PENDING clips the createClip pipeline is still creating. */
export const CREATING = 'CREATING';
/** The index's partition for DELETED clips whose asset and files are not all removed yet. */
export const DELETING = 'DELETING';

export const CHANGES_INDEX = { name: 'clipChanges', partition: 'competition', sort: 'updatedAt' } as const;

/**
 * How long a deleted clip's tombstone is kept: a client whose cursor is older must list the
 * library again, since clipChanges can no longer show it every deletion.
 */
export const TOMBSTONE_RETENTION_DAYS = 30;

export function clipTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: CLIP_TABLE_KEYS.partition, AttributeType: 'S' },
      { AttributeName: CLIP_TABLE_KEYS.sort, AttributeType: 'S' },
      { AttributeName: IN_FLIGHT_INDEX.partition, AttributeType: 'S' },
      { AttributeName: IN_FLIGHT_INDEX.sort, AttributeType: 'S' },
      { AttributeName: CHANGES_INDEX.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: CLIP_TABLE_KEYS.partition, KeyType: 'HASH' },
      { AttributeName: CLIP_TABLE_KEYS.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: IN_FLIGHT_INDEX.name,
        KeySchema: [
          { AttributeName: IN_FLIGHT_INDEX.partition, KeyType: 'HASH' },
          { AttributeName: IN_FLIGHT_INDEX.sort, KeyType: 'RANGE' },
        ],
        // The whole clip: a starter or the sweeper acts on it without a second read.
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: CHANGES_INDEX.name,
        KeySchema: [
          { AttributeName: CHANGES_INDEX.partition, KeyType: 'HASH' },
          { AttributeName: CHANGES_INDEX.sort, KeyType: 'RANGE' },
        ],
        // clipChanges answers whole clips from the index alone.
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  };
}
