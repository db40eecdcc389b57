// A DynamoDB stream record as Lambda receives it from an event source mapping, for the records
// the clip table's handlers read: time-to-live deletions. Shapes follow the DynamoDB Streams API
// reference (Record, StreamRecord, Identity) and the Lambda developer guide's "Using AWS Lambda
// with Amazon DynamoDB" example event. The AWS home gets them from DynamoDB Streams; the local
// home's time-to-live writes the same records for the same handler.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Who removed the item. The DynamoDB Streams API reference (Record.userIdentity, Identity) says
 * items deleted by the Time to Live process carry `type: "Service"` and
 * `principalId: "dynamodb.amazonaws.com"`; deletes made by a caller carry none.
 */
export interface StreamUserIdentity {
  type: 'Service';
  principalId: 'dynamodb.amazonaws.com';
}

export const TIME_TO_LIVE_IDENTITY: StreamUserIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };

export interface TableStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  /** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`. */
  eventSourceARN: string;
  userIdentity?: StreamUserIdentity;
  dynamodb: {
    /** Seconds since the epoch (the API's number, not an ISO string). */
    ApproximateCreationDateTime: number;
    Keys: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  };
}

/** What Lambda hands a function subscribed to a table's stream. */
export interface TableStreamEvent {
  Records: TableStreamRecord[];
}

/** The clip table's stream: old images are what the expiry handler cleans up after. */
export const CLIP_TABLE_STREAM_VIEW = 'OLD_IMAGE' as const satisfies TableStreamRecord['dynamodb']['StreamViewType'];

/** A record of an item DynamoDB's time to live removed. */
export function isTimeToLiveRemoval(record: TableStreamRecord): boolean {
  return (
    record.eventName === 'REMOVE' &&
    record.userIdentity?.type === TIME_TO_LIVE_IDENTITY.type &&
    record.userIdentity.principalId === TIME_TO_LIVE_IDENTITY.principalId
  );
}
