// "MediaPackage Input Notification" events, shaped as EventBridge delivers them for
// MediaPackage-VOD assets (AWS Elemental MediaPackage user guide, "AWS Elemental MediaPackage
// events", https://docs.aws.amazon.com/mediapackage/latest/ug/cloudwatch-events-example.html):
// the asset ARN first in `resources`, and for VodAssetPlayable the packaging configuration second.
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../eventbus/index.ts';
import {
  eventTime,
  INPUT_NOTIFICATION,
  MEDIAPACKAGE_SOURCE,
  type InputNotificationDetail,
  type InputNotificationEvent,
} from '../../contracts/events.ts';
import type { Log } from './types.ts';

// The event types are AWS's contract (contracts/events.ts); the emulator writes them.
export { INPUT_NOTIFICATION } from '../../contracts/events.ts';
export type { InputNotificationDetail, InputNotificationEvent, InputNotificationKind } from '../../contracts/events.ts';

/** The part of the local event bus this service needs; with `delivered`, ingest lets handlers run first. */
export type EventSink = Pick<EventBus, 'putEvents'> & Partial<Pick<EventBus, 'delivered'>>;

export interface EventContext {
  region: string;
  accountId: string;
}

export function inputNotification(
  context: EventContext,
  resources: string[],
  detail: InputNotificationDetail,
  now = new Date(),
): InputNotificationEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': INPUT_NOTIFICATION,
    source: MEDIAPACKAGE_SOURCE,
    account: context.accountId,
    time: eventTime(now),
    region: context.region,
    resources,
    detail,
  };
}

export const ingestStart = (context: EventContext, assetArn: string): InputNotificationEvent =>
  inputNotification(context, [assetArn], { event: 'IngestStart', message: 'Ingest Started' });

export const ingestComplete = (context: EventContext, assetArn: string): InputNotificationEvent =>
  inputNotification(context, [assetArn], { event: 'IngestComplete', message: 'Ingest Completed' });

export const ingestError = (context: EventContext, assetArn: string, reason: string): InputNotificationEvent =>
  inputNotification(context, [assetArn], { event: 'IngestError', message: reason });

/**
 * How VodAssetPlayable names the packaging configuration in `resources`. AWS's example event spells
 * it `...:packaging_configuration/<id>`, not as the configuration's own ARN
 * (`...:packaging-configurations/<id>`, what DescribePackagingConfiguration answers): the event
 * is written as the user guide shows it.
 */
export function packagingConfigurationEventArn(context: EventContext, configurationId: string): string {
  return `arn:aws:mediapackage-vod:${context.region}:${context.accountId}:packaging_configuration/${configurationId}`;
}

export function vodAssetPlayable(
  context: EventContext,
  asset: { id: string; arn: string },
  configuration: { id: string },
  manifestUrls: string[],
): InputNotificationEvent {
  return inputNotification(context, [asset.arn, packagingConfigurationEventArn(context, configuration.id)], {
    event: 'VodAssetPlayable',
    message: `Asset '${asset.id}' is now playable for PackagingConfiguration '${configuration.id}'`,
    packaging_configuration_id: configuration.id,
    manifest_urls: manifestUrls,
  });
}

/**
 * Sends one event. Delivery is best effort, as EventBridge's: a bus failure is logged and never
 * fails the ingest that caused the event.
 */
export async function publish(sink: EventSink | undefined, event: InputNotificationEvent, log: Log): Promise<void> {
  log(`[mediapackage-vod] event ${event.detail.event} ${event.resources.join(' ')}`);
  if (!sink) return;
  try {
    await sink.putEvents([event]);
  } catch (error) {
    log(`[mediapackage-vod] event bus refused ${event.detail.event}: ${(error as Error).message}`);
  }
}
