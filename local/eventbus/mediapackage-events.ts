import { HARVEST_JOB_NOTIFICATION, MEDIAPACKAGE_SOURCE } from '../../contracts/events.ts';
import type { EventPattern } from './types.ts';

// The event types are AWS's contract, declared beside the handlers that consume them.
export { HARVEST_JOB_NOTIFICATION, MEDIAPACKAGE_SOURCE } from '../../contracts/events.ts';
export type {
  HarvestJobNotification,
  HarvestJobNotificationDetail,
  HarvestJobStatus,
} from '../../contracts/events.ts';

/** The rule the seed's stack puts on its harvest Lambda. */
export const HARVEST_JOB_NOTIFICATION_PATTERN: EventPattern = {
  source: [MEDIAPACKAGE_SOURCE],
  'detail-type': [HARVEST_JOB_NOTIFICATION],
};
