// Where a clip's files live and how its harvest job is named: derived from the clip alone, so a
// retried start finds the same job and the packaging handler can find the clip from the job.
import type { Clip } from '../../generated/schema.ts';

/** Harvest-job ids allow letters, digits, "_" and "-"; competition and clip ids keep to those. */
export function harvestJobIdFor(clip: Pick<Clip, 'competition' | 'clipId'>): string {
  return `${clip.competition}_${clip.clipId}`;
}

/** Harvested clips are kept per competition: `<competition>/<clipId>/index.m3u8`. */
export function manifestKeyFor(clip: Pick<Clip, 'competition' | 'clipId'>): string {
  return `${clip.competition}/${clip.clipId}/index.m3u8`;
}
