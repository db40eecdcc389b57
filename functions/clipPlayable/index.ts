// Target of the MediaPackage-VOD "MediaPackage Input Notification" rule: VodAssetPlayable stores
// that packaging configuration's manifest URLs (READY once HLS plays: egress URLs exist before
// they play, so CreateAsset's answer is not enough); IngestError fails the clip. An event for a
// clip deleted meanwhile removes its asset again: the asset may have been made after the removal.
import { failClip, recordPlayable, removeClip } from '../commons/clipFlow.ts';
import { assetIdOfArn, clipKeyOf, packagingConfigurationIdOfArn, traceIdFor } from '../commons/clips.ts';
import { traced } from '../commons/tracer.ts';
import type { InputNotificationEvent } from '../../contracts/events.ts';
import { clipLogger, handlerLogger } from '../commons/logger.ts';
import { flowContextOf, servicesOf, type Services } from '../commons/services.ts';

const logger = handlerLogger('clipPlayable');

/** The detail's `packaging_configuration_id`, else the configuration the second resource names. */
function configurationIdOf(event: InputNotificationEvent): string | undefined {
  return event.detail.packaging_configuration_id ?? packagingConfigurationIdOfArn(event.resources[1] ?? '');
}

/** The handler over `services`: the local home passes its own, Lambda's come from its environment. */
export function createHandler(services: Services) {
  return async function clipPlayable(event: InputNotificationEvent): Promise<void> {
    const assetId = assetIdOfArn(event.resources[0] ?? '');
    const key = assetId === undefined ? undefined : clipKeyOf(assetId);
    if (!key) {
      logger.info('Asset of no clip: ignored', { resources: event.resources, notification: event.detail.event });
      return;
    }
    const log = clipLogger(logger, key);
    const context = flowContextOf(services, logger);
    let moved = true;

    switch (event.detail.event) {
      case 'VodAssetPlayable': {
        const configurationId = configurationIdOf(event);
        const urls = event.detail.manifest_urls ?? [];
        if (!configurationId || urls.length === 0) {
          log.warn('VodAssetPlayable without a configuration or manifest URLs: ignored', { detail: event.detail });
          return;
        }
        moved = await traced('clipPlayable', traceIdFor(key), () => recordPlayable(context, key, configurationId, urls));
        break;
      }
      case 'IngestError':
        moved = await failClip(context, key, `Packaging failed: ${event.detail.message}`);
        break;
      default:
        log.debug('Ingest progress', { notification: event.detail.event });
    }
    if (!moved) await removeClip(context, key);
  };
}

export const handler = createHandler(servicesOf(process.env));
