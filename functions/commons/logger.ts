// Structured JSON logs (Powertools for AWS Lambda). Every line about a clip comes from that clip's
// child logger, so it carries `competition` and `clipId` and one clip's story can be filtered out
// of many handlers' logs. Level and service name follow POWERTOOLS_LOG_LEVEL and
// POWERTOOLS_SERVICE_NAME, as on AWS.
import { Logger } from '@aws-lambda-powertools/logger';
import type { ClipKey } from './clips.ts';

export type { Logger };

export function handlerLogger(handlerName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'clips', persistentKeys: { handler: handlerName } });
}

export function clipLogger(parent: Logger, clip: ClipKey): Logger {
  return parent.createChild({ persistentKeys: { competition: clip.competition, clipId: clip.clipId } });
}
