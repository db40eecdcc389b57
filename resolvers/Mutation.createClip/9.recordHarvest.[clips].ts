// Step 9 of createClip: records how the harvest started (job id and status), or FAILED with the
// reason. Conditional on PENDING because the harvest-done event may already have moved the clip
// on (a range that ended in the past harvests in moments); then the newer status stands.
// HARVESTING and PENDING (waiting for the harvest-job quota) clips enter the in-flight index
// (contracts/clipTable.ts), where waiting clips are started and stuck ones re-checked.
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Clip } from '../../generated/schema.ts';
import { IN_FLIGHT_INDEX } from '../../contracts/clipTable.ts';
import type { StartHarvestResult } from '../../contracts/startHarvest.ts';
import { isoTime } from '../lib/clipKeys.ts';
import { raiseDataSourceError } from '../lib/errors.ts';
import { isMissing } from '../lib/values.ts';

/** `#status` and the in-flight index's attributes, named as contracts/clipTable.ts defines them. */
function inFlightNames(): Record<string, string> {
  return { '#status': 'status', '#inFlightStatus': IN_FLIGHT_INDEX.partition, '#inFlightSince': IN_FLIGHT_INDEX.sort };
}

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  if (ctx.stash.isRetry) {
    return runtime.earlyReturn(null);
  }
  const clip: Clip = ctx.stash.clip;
  const now = isoTime(util.time.nowEpochMilliSeconds());
  const key = util.dynamodb.toMapValues({ competition: clip.competition, clipId: clip.clipId });
  const condition = {
    expression: '#status = :pending',
    expressionNames: { '#status': 'status' },
    expressionValues: util.dynamodb.toMapValues({ ':pending': 'PENDING' }),
  };
  if (!isMissing(ctx.stash.harvestError)) {
    return {
      operation: 'UpdateItem',
      key,
      update: {
        // Final: out of the in-flight index (createClip's own push has told subscribers).
        expression: 'SET #status = :failed, failureReason = :reason, updatedAt = :now REMOVE #inFlightStatus, #inFlightSince',
        expressionNames: inFlightNames(),
        expressionValues: util.dynamodb.toMapValues({
          ':failed': 'FAILED',
          ':reason': `The harvest could not start: ${ctx.stash.harvestError}`,
          ':now': now,
        }),
      },
      condition,
    };
  }
  const harvest: StartHarvestResult = ctx.stash.harvest;
  return {
    operation: 'UpdateItem',
    key,
    update: {
      expression:
        'SET #status = :status, harvestJobId = :job, harvestManifestKey = :manifest, previewUrl = :preview, updatedAt = :now, #inFlightStatus = :status, #inFlightSince = :now',
      expressionNames: inFlightNames(),
      expressionValues: util.dynamodb.toMapValues({
        ':status': harvest.status,
        ':job': harvest.harvestJobId,
        ':manifest': harvest.manifestKey,
        ':preview': harvest.previewUrl,
        ':now': now,
      }),
    },
    condition,
  };
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    return null;
  }
  raiseDataSourceError(ctx);
  return ctx.result;
}
