// The handlers' access to the clips table: read a clip, move it to a new status, add manifests,
// and list in-flight clips. Writes are conditional on the status (clipTransitions.ts) and answer
// with the clip as stored, so a caller publishes exactly what is in the table; a refused
// condition is an outcome ("already done"), never an error.
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Clip, ClipStatus, Manifest } from '../../generated/schema.ts';
import {
  CLIP_TABLE_KEYS,
  CLIP_TABLE_TTL_ATTRIBUTE,
  CREATING,
  DELETING,
  IN_FLIGHT_INDEX,
  TOMBSTONE_RETENTION_DAYS,
  UNPUBLISHED,
} from '../../contracts/clipTable.ts';
import { COMPETITIONS_PARTITION, LAST_CLIP_AT_ATTRIBUTE } from '../../contracts/competitions.ts';
import { ALLOWED_PREVIOUS, isFinal, type TargetStatus } from './clipTransitions.ts';
import type { ClipKey } from './clips.ts';
import type { ClientConfig } from './config.ts';
import { ClipStoreError, messageOf } from './errors.ts';

export interface RegisteredCompetition {
  competition: string;
  lastClipAt: string;
}

/** A clip as the table holds it: the GraphQL fields plus what the backend keeps beside them. */
export interface StoredClip extends Clip {
  harvestJobId?: string | null;
  /** Where the harvest put its HLS manifest in the clips bucket (v2 names it by the channel's manifest). */
  harvestManifestKey?: string | null;
  inFlightStatus?: InFlightStatus;
  inFlightSince?: string;
  /** Packaging configurations whose manifests are stored: a repeated playable event adds none. */
  playableConfigurations?: Set<string>;
  /** Epoch seconds at which DynamoDB's time to live removes the item. */
  expiresAt?: number;
  /** Sweeper re-checks that failed in a row since the clip entered its in-flight status. */
  failedRechecks?: number;
}

/** What the in-flight index is partitioned by: a non-final status, UNPUBLISHED, CREATING or DELETING. */
export type InFlightStatus = ClipStatus | typeof UNPUBLISHED | typeof CREATING | typeof DELETING;

export type WriteOutcome =
  | { changed: true; clip: StoredClip }
  /** The condition did not hold: `clip` is the clip as it is (undefined when there is none). */
  | { changed: false; clip: StoredClip | undefined };

export interface TransitionChanges {
  /** Attributes set with the status (harvestJobId, harvestManifestKey, previewUrl, failureReason). */
  set?: Partial<Pick<StoredClip, 'harvestJobId' | 'harvestManifestKey' | 'previewUrl' | 'failureReason'>>;
  /** Manifests of one packaging configuration, appended once. */
  manifests?: PlayableManifests;
}

export interface PlayableManifests {
  configurationId: string;
  manifests: Manifest[];
}

/** Callers may pass a whole clip as its key: only the key attributes go to DynamoDB. */
const FAILED_RECHECKS = 'failedRechecks';

function keyOf(key: ClipKey): Record<string, AttributeValue> {
  return marshall({ competition: key.competition, clipId: key.clipId });
}

/** Builds an update expression with placeholders for every name and value. */
class UpdateBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly adds: string[] = [];
  private counter = 0;

  name(attribute: string): string {
    const placeholder = `#${attribute}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.counter++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  set(attribute: string, value: unknown): void {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
  }

  setExpression(expression: string): void {
    this.sets.push(expression);
  }

  remove(attribute: string): void {
    this.removes.push(this.name(attribute));
  }

  add(attribute: string, value: unknown): void {
    this.adds.push(`${this.name(attribute)} ${this.value(value)}`);
  }

  expression(): string {
    return [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
      this.adds.length ? `ADD ${this.adds.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
}

export class ClipStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(key: ClipKey): Promise<StoredClip | undefined> {
    try {
      const { Item } = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }),
      );
      return Item ? (unmarshall(Item) as StoredClip) : undefined;
    } catch (error) {
      throw new ClipStoreError(`Reading clip ${key.clipId} failed: ${messageOf(error)}`, key.competition, key.clipId, { cause: error });
    }
  }

  /**
   * Moves the clip to `to` if its status allows (ALLOWED_PREVIOUS). Leaving PENDING, HARVESTING
   * or PACKAGING also moves it in (or out of) the in-flight index.
   */
  transition(key: ClipKey, to: TargetStatus, changes: TransitionChanges = {}): Promise<WriteOutcome> {
    const update = new UpdateBuilder();
    const now = this.now().toISOString();
    update.set('status', to);
    update.set('updatedAt', now);
    for (const [attribute, value] of Object.entries(changes.set ?? {})) {
      if (value !== undefined) update.set(attribute, value);
    }
    // A new stay in a status: the sweeper's count of failed re-checks starts again.
    update.remove(FAILED_RECHECKS);
    if (isFinal(to)) {
      update.remove(IN_FLIGHT_INDEX.partition);
      update.remove(IN_FLIGHT_INDEX.sort);
    } else {
      update.set(IN_FLIGHT_INDEX.partition, to);
      update.set(IN_FLIGHT_INDEX.sort, now);
    }
    const allowed = ALLOWED_PREVIOUS[to].map((status) => update.value(status)).join(', ');
    const conditions = [`attribute_exists(${update.name('clipId')})`, `${update.name('status')} IN (${allowed})`];
    if (changes.manifests) conditions.push(this.appendManifests(update, changes.manifests));
    return this.write(key, update, conditions.join(' AND '));
  }

  /** Stores a packaging configuration's manifests without changing the status (non-HLS outputs). */
  addManifests(key: ClipKey, playable: PlayableManifests): Promise<WriteOutcome> {
    const update = new UpdateBuilder();
    update.set('updatedAt', this.now().toISOString());
    const conditions = [
      `attribute_exists(${update.name('clipId')})`,
      `${update.name('status')} <> ${update.value('FAILED')}`,
      `${update.name('status')} <> ${update.value('DELETED')}`,
      this.appendManifests(update, playable),
    ];
    return this.write(key, update, conditions.join(' AND '));
  }

  /**
   * Clips in `status` in the in-flight index, longest there first, entered at or before `before`;
   * `after` continues from a clip an earlier call answered.
   */
  async inFlight(status: InFlightStatus, options: { before?: Date; after?: StoredClip; limit: number }): Promise<StoredClip[]> {
    const clips: StoredClip[] = [];
    const after = options.after;
    let startKey: Record<string, AttributeValue> | undefined = after
      ? marshall({
          [IN_FLIGHT_INDEX.partition]: status,
          [IN_FLIGHT_INDEX.sort]: after.inFlightSince,
          [CLIP_TABLE_KEYS.partition]: after.competition,
          [CLIP_TABLE_KEYS.sort]: after.clipId,
        })
      : undefined;
    const before = (options.before ?? this.now()).toISOString();
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: IN_FLIGHT_INDEX.name,
          KeyConditionExpression: '#status = :status AND #since <= :before',
          ExpressionAttributeNames: { '#status': IN_FLIGHT_INDEX.partition, '#since': IN_FLIGHT_INDEX.sort },
          ExpressionAttributeValues: marshall({ ':status': status, ':before': before }),
          ScanIndexForward: true,
          Limit: options.limit - clips.length,
          ExclusiveStartKey: startKey,
        }),
      );
      clips.push(...(page.Items ?? []).map((item) => unmarshall(item) as StoredClip));
      startKey = page.LastEvaluatedKey;
    } while (startKey && clips.length < options.limit);
    return clips;
  }

  /**
   * The competitions createClip registered (contracts/competitions.ts), by id, with their newest
   * clip's time. Time to live deletes an expired entry up to days late (Amazon DynamoDB Developer
   * Guide, "Working with time to live"), so those are left out here.
   */
  async registeredCompetitions(): Promise<RegisteredCompetition[]> {
    const competitions: RegisteredCompetition[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#partition = :registry',
          FilterExpression: 'attribute_not_exists(#expiresAt) OR #expiresAt > :now',
          ExpressionAttributeNames: { '#partition': CLIP_TABLE_KEYS.partition, '#expiresAt': CLIP_TABLE_TTL_ATTRIBUTE },
          ExpressionAttributeValues: marshall({ ':registry': COMPETITIONS_PARTITION, ':now': Math.floor(this.now().getTime() / 1000) }),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const entry = unmarshall(item);
        competitions.push({ competition: String(entry[CLIP_TABLE_KEYS.sort]), lastClipAt: String(entry[LAST_CLIP_AT_ATTRIBUTE]) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return competitions;
  }

  /**
   * Records the job v2 made and queued for a waiting clip, so the queue checks that job instead of
   * making another. Not a change apps see: no status, no updatedAt, no push.
   */
  async recordQueuedJob(clip: ClipKey, job: { harvestJobId: string; harvestManifestKey: string }): Promise<boolean> {
    const update = new UpdateBuilder();
    update.set('harvestJobId', job.harvestJobId);
    update.set('harvestManifestKey', job.harvestManifestKey);
    return (await this.write(clip, update, `${update.name('status')} = ${update.value('PENDING')}`)).changed;
  }

  /**
   * Counts a failed sweeper re-check of the clip as the sweeper found it (same in-flight status,
   * entered at the same time); answers the count, or undefined when the clip has moved on. Not a
   * change apps see: no updatedAt, no push.
   */
  async countFailedRecheck(clip: StoredClip): Promise<number | undefined> {
    const update = new UpdateBuilder();
    update.add(FAILED_RECHECKS, 1);
    const condition = [
      `${update.name(IN_FLIGHT_INDEX.partition)} = ${update.value(clip.inFlightStatus)}`,
      `${update.name(IN_FLIGHT_INDEX.sort)} = ${update.value(clip.inFlightSince)}`,
    ].join(' AND ');
    const outcome = await this.write(clip, update, condition);
    return outcome.changed ? Number(outcome.clip.failedRechecks) : undefined;
  }

  /**
   * Keeps a final clip whose publish failed in the in-flight index until `markPublished`; a clip
   * changed since (another version to publish) is left as it is.
   */
  async markUnpublished(clip: StoredClip): Promise<boolean> {
    const update = new UpdateBuilder();
    update.set(IN_FLIGHT_INDEX.partition, UNPUBLISHED);
    update.set(IN_FLIGHT_INDEX.sort, this.now().toISOString());
    return (await this.write(clip, update, `${update.name('updatedAt')} = ${update.value(clip.updatedAt)}`)).changed;
  }

  /** Takes a republished clip out of the index, unless it changed meanwhile. */
  async markPublished(clip: StoredClip): Promise<boolean> {
    const update = new UpdateBuilder();
    update.remove(IN_FLIGHT_INDEX.partition);
    update.remove(IN_FLIGHT_INDEX.sort);
    const condition = [
      `${update.name(IN_FLIGHT_INDEX.partition)} = ${update.value(UNPUBLISHED)}`,
      `${update.name('updatedAt')} = ${update.value(clip.updatedAt)}`,
    ].join(' AND ');
    return (await this.write(clip, update, condition)).changed;
  }

  /**
   * A clip time to live removed comes back as a DELETED tombstone, DELETING until its asset and
   * files are gone, as deleteClip leaves one. Answers unchanged when the tombstone is there already
   * (a stream record delivered twice) or the clip was written again since.
   */
  async putExpiredTombstone(expired: StoredClip): Promise<WriteOutcome> {
    const now = this.now().toISOString();
    const tombstone: StoredClip = {
      competition: expired.competition,
      clipId: expired.clipId,
      status: 'DELETED',
      startTime: expired.startTime,
      endTime: expired.endTime,
      durationSeconds: expired.durationSeconds,
      title: expired.title,
      manifests: [],
      createdBy: expired.createdBy,
      createdAt: expired.createdAt,
      updatedAt: now,
      deletedAt: now,
      ...(expired.harvestJobId ? { harvestJobId: expired.harvestJobId } : {}),
      inFlightStatus: DELETING,
      inFlightSince: now,
    };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(tombstone, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(clipId)',
        }),
      );
      return { changed: true, clip: tombstone };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { changed: false, clip: await this.get(expired) };
      throw new ClipStoreError(`Writing the tombstone of clip ${expired.clipId} failed: ${messageOf(error)}`, expired.competition, expired.clipId, {
        cause: error,
      });
    }
  }

  /**
   * A deleted clip's asset and files are gone: its tombstone leaves the in-flight index, drops
   * what pointed at them, and expires after TOMBSTONE_RETENTION_DAYS. updatedAt stays: apps were
   * told of the deletion when it was written.
   */
  finishRemoval(key: ClipKey): Promise<WriteOutcome> {
    const update = new UpdateBuilder();
    update.set('manifests', []);
    update.set(CLIP_TABLE_TTL_ATTRIBUTE, Math.floor(this.now().getTime() / 1000) + TOMBSTONE_RETENTION_DAYS * 24 * 60 * 60);
    for (const attribute of [IN_FLIGHT_INDEX.partition, IN_FLIGHT_INDEX.sort, 'previewUrl', 'description', 'playableConfigurations', 'harvestJobId']) {
      update.remove(attribute);
    }
    const condition = `${update.name('status')} = ${update.value('DELETED')} AND ${update.name(IN_FLIGHT_INDEX.partition)} = ${update.value(DELETING)}`;
    return this.write(key, update, condition);
  }

  private appendManifests(update: UpdateBuilder, playable: PlayableManifests): string {
    const manifests = update.name('manifests');
    update.setExpression(
      `${manifests} = list_append(if_not_exists(${manifests}, ${update.value([])}), ${update.value(playable.manifests)})`,
    );
    update.add('playableConfigurations', new Set([playable.configurationId]));
    return `NOT contains(${update.name('playableConfigurations')}, ${update.value(playable.configurationId)})`;
  }

  private async write(key: ClipKey, update: UpdateBuilder, condition: string): Promise<WriteOutcome> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: update.expression(),
          ConditionExpression: condition,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: marshall(update.values, { removeUndefinedValues: true }),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { changed: true, clip: unmarshall(Attributes ?? {}) as StoredClip };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        // DynamoDB returns the item that failed the condition; a server that does not (dynalite)
        // costs one read.
        return { changed: false, clip: error.Item ? (unmarshall(error.Item) as StoredClip) : await this.get(key) };
      }
      throw new ClipStoreError(`Updating clip ${key.clipId} failed: ${messageOf(error)}`, key.competition, key.clipId, { cause: error });
    }
  }
}

export function clipStore(options: { endpoint?: string; tableName: string; client?: ClientConfig }): ClipStore {
  return new ClipStore(new DynamoDBClient({ ...options.client, ...(options.endpoint ? { endpoint: options.endpoint } : {}) }), options.tableName);
}
