// The clip as createClip first writes it: PENDING, in the in-flight index as CREATING until the
// pipeline records its harvest start (so a pipeline that stops in between leaves a clip the
// sweeper finds), with its time to live when retention is on (contracts/clipTable.ts). Written
// only if no item has its key, so a clip is never written over.
import { util } from '@aws-appsync/utils';
import type { DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { CLIP_TABLE_TTL_ATTRIBUTE, CREATING, IN_FLIGHT_INDEX } from '../../contracts/clipTable.ts';
import { isMissing } from './values.ts';

export function putPendingClip(clip: Clip, expiresAt: number | undefined): DynamoDBPutItemRequest {
  const { competition, clipId, ...attributes } = clip;
  const item: Record<string, unknown> = { ...attributes };
  item[IN_FLIGHT_INDEX.partition] = CREATING;
  item[IN_FLIGHT_INDEX.sort] = clip.createdAt;
  if (!isMissing(expiresAt)) {
    item[CLIP_TABLE_TTL_ATTRIBUTE] = expiresAt;
  }
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ competition, clipId }),
    attributeValues: util.dynamodb.toMapValues(item),
    condition: { expression: 'attribute_not_exists(clipId)' },
  };
}
