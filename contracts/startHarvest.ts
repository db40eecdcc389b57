// What the createClip pipeline sends the startHarvest Lambda data source and what it answers.
// Both sides import these types, so the resolver bundle and the handler cannot drift apart.
import type { Clip } from '../generated/schema.ts';

export interface StartHarvestRequest {
  clip: Clip;
}

export interface StartHarvestResult {
  /** HARVESTING once the job runs; PENDING while the harvest-job quota keeps it waiting. */
  status: 'HARVESTING' | 'PENDING';
  harvestJobId: string | null;
  /** Where the harvest puts the clip's HLS manifest in the clips bucket, once started. */
  manifestKey: string | null;
  /** The live origin's time-shifted URL for the clip's range. */
  previewUrl: string | null;
}
