// A stored clip as the GraphQL Clip type has it: the attributes the backend keeps beside a clip
// (job id, index keys, time to live) stay out of error data, which AppSync passes on unfiltered.
import type { Clip } from '../../generated/schema.ts';

const CLIP_FIELDS = [
  'competition',
  'clipId',
  'status',
  'startTime',
  'endTime',
  'durationSeconds',
  'title',
  'description',
  'manifests',
  'previewUrl',
  'failureReason',
  'createdBy',
  'createdAt',
  'updatedAt',
  'deletedAt',
];

export function clipFields(item: Record<string, unknown>): Clip {
  const clip: Record<string, unknown> = {};
  for (const field of CLIP_FIELDS) {
    if (item[field] !== undefined) {
      clip[field] = item[field];
    }
  }
  return clip as unknown as Clip;
}
