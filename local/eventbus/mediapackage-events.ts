import { HARVEST_JOB_NOTIFICATION, MEDIAPACKAGE_SOURCE } from '../../contracts/events.ts';
import type { EventPattern } from './types.ts';

// The event types are AWS's contract (contracts/events.ts); the bus and the emulators use them.
export { HARVEST_JOB_NOTIFICATION, MEDIAPACKAGE_SOURCE } from '../../contracts/events.ts';
export type {
  HarvestJobNotification,
  HarvestJobNotificationDetail,
  HarvestJobStatus,
} from '../../contracts/events.ts';

/** Every harvest-job event, as a test or a benchmark listens for them; the handler's rule is contracts/eventRules.ts. */
export const HARVEST_JOB_NOTIFICATION_PATTERN: EventPattern = {
  source: [MEDIAPACKAGE_SOURCE],
  'detail-type': [HARVEST_JOB_NOTIFICATION],
};
