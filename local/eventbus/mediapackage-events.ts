import { HARVEST_JOB_NOTIFICATION, HARVEST_JOB_V2_NOTIFICATION, MEDIAPACKAGE_SOURCE, MEDIAPACKAGEV2_SOURCE } from '../../contracts/events.ts';
import type { EventPattern } from './types.ts';

// The event types are AWS's contract (contracts/events.ts); the bus and the emulators use them.
export { HARVEST_JOB_NOTIFICATION, HARVEST_JOB_V2_NOTIFICATION, MEDIAPACKAGE_SOURCE, MEDIAPACKAGEV2_SOURCE } from '../../contracts/events.ts';
export type {
  HarvestJobNotification,
  HarvestJobNotificationDetail,
  HarvestJobStatus,
  HarvestJobV2Notification,
  HarvestJobV2NotificationDetail,
  HarvestJobV2Status,
} from '../../contracts/events.ts';

/** Every harvest-job event, as a test or a benchmark listens for them; the handler's rule is contracts/eventRules.ts. */
export const HARVEST_JOB_NOTIFICATION_PATTERN: EventPattern = {
  source: [MEDIAPACKAGE_SOURCE],
  'detail-type': [HARVEST_JOB_NOTIFICATION],
};

/** Every MediaPackage v2 harvest-job event, as a test or a benchmark listens for them. */
export const HARVEST_JOB_V2_NOTIFICATION_PATTERN: EventPattern = {
  source: [MEDIAPACKAGEV2_SOURCE],
  'detail-type': [HARVEST_JOB_V2_NOTIFICATION],
};
