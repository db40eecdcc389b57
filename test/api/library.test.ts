// The library's editing operations against the real local runtime and DynamoDB server: updateClip
// with optimistic concurrency, deleteClip's tombstones, the status filter, createdBy, and
// clipChanges for a client that was disconnected. Harvests go to the MediaPackage double
// (test/support/mediaPackageDouble.ts): these suites need clips, not media.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  CancelClipDocument,
  ClipChangesDocument,
  ClipDocument,
  ClipsByCompetitionDocument,
  CompetitionsDocument,
  CreateClipDocument,
  DeleteClipDocument,
  OnClipUpdatedDocument,
  UpdateClipDocument,
  type ClipFieldsFragment,
} from '../../generated/operations/graphql.ts';
import { changesSince } from '../../local/client/clipChanges.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

let api: ApiForTests;

beforeAll(async () => {
  api = await startApiForTests();
});

afterAll(async () => {
  await api?.stop();
});

async function createClip(competition: string, title = 'Goal'): Promise<ClipFieldsFragment> {
  const { data, errors } = await api.request(CreateClipDocument, { input: { competition, title } });
  expect(errors).toBeUndefined();
  return data!.createClip;
}

async function clipNow(clip: ClipFieldsFragment) {
  return (await api.request(ClipDocument, { competition: clip.competition, clipId: clip.clipId })).data?.clip ?? null;
}

describe('createClip', () => {
  it('records who made the clip: "api-key" for the local key', async () => {
    const clip = await createClip('makers');

    expect(clip.createdBy).toBe('api-key');
    expect(clip.deletedAt).toBeNull();
  });
});

describe('updateClip', () => {
  it('changes the title, keeps what was left out, removes a description set to null, and tells subscribers', async () => {
    const clip = await createClip('edits');
    const described = (
      await api.request(UpdateClipDocument, { input: { competition: 'edits', clipId: clip.clipId, description: 'Top corner', expectedUpdatedAt: clip.updatedAt } })
    ).data!.updateClip;
    const subscriber = await api.subscribe(OnClipUpdatedDocument, { competition: 'edits', clipId: clip.clipId });
    try {
      const { data, errors } = await api.request(UpdateClipDocument, {
        input: { competition: 'edits', clipId: clip.clipId, title: 'Winning goal', description: null, expectedUpdatedAt: described.updatedAt },
      });

      expect(errors).toBeUndefined();
      expect(data!.updateClip).toMatchObject({ title: 'Winning goal', description: null, status: clip.status, createdBy: 'api-key' });
      expect(data!.updateClip.updatedAt > described.updatedAt).toBe(true);
      expect(described).toMatchObject({ title: 'Goal', description: 'Top corner' });
      const [pushed] = await subscriber.waitFor(1);
      expect(pushed!.onClipUpdated).toEqual(data!.updateClip);
      expect(await clipNow(clip)).toEqual(data!.updateClip);
    } finally {
      subscriber.close();
    }
  });

  it('refuses a stale expectedUpdatedAt with a ConflictError carrying the clip as it is, and changes nothing', async () => {
    const clip = await createClip('conflicts');
    const first = (await api.request(UpdateClipDocument, { input: { competition: 'conflicts', clipId: clip.clipId, title: 'First editor', expectedUpdatedAt: clip.updatedAt } }))
      .data!.updateClip;

    const second = await api.request(UpdateClipDocument, { input: { competition: 'conflicts', clipId: clip.clipId, title: 'Second editor', expectedUpdatedAt: clip.updatedAt } });

    expect(second.data).toBeNull();
    expect(second.errors?.[0]).toMatchObject({
      errorType: 'ConflictError',
      errorInfo: { field: 'input.expectedUpdatedAt', currentUpdatedAt: first.updatedAt },
      data: { clipId: clip.clipId, title: 'First editor', updatedAt: first.updatedAt },
    });
    expect(second.errors?.[0]?.message).toMatch(/^input\.expectedUpdatedAt: /);
    expect(await clipNow(clip)).toEqual(first);
  });

  it('lets exactly one of two editors who saw the same version win', async () => {
    const clip = await createClip('races');
    const attempts = await Promise.all(
      ['Editor A', 'Editor B', 'Editor C'].map((title) =>
        api.request(UpdateClipDocument, { input: { competition: 'races', clipId: clip.clipId, title, expectedUpdatedAt: clip.updatedAt } }),
      ),
    );

    const winners = attempts.filter((attempt) => attempt.errors === undefined);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((attempt) => attempt.errors?.[0]?.errorType === 'ConflictError')).toHaveLength(2);
    expect((await clipNow(clip))?.title).toBe(winners[0]!.data!.updateClip.title);
  });

  it.each([
    { name: 'no change given', input: {}, field: 'input' },
    { name: 'a title over 200 characters', input: { title: 'x'.repeat(201) }, field: 'input.title' },
    { name: 'a clip id with a path in it', input: { clipId: '../token#x' }, field: 'input.clipId' },
    { name: 'a competition with a control character', input: { competition: 'final\u0007' }, field: 'input.competition' },
  ])('refuses $name, naming $field, and changes nothing', async ({ input, field }) => {
    const clip = await createClip('bad-edits');
    const { data, errors } = await api.request(UpdateClipDocument, {
      input: { competition: 'bad-edits', clipId: clip.clipId, expectedUpdatedAt: clip.updatedAt, ...input },
    });

    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field } });
    expect(await clipNow(clip)).toEqual(clip);
  });

  it('answers NotFound for a clip that does not exist', async () => {
    const { errors } = await api.request(UpdateClipDocument, {
      input: { competition: 'edits', clipId: '20260101T120000000Z-01ARZ3NDEKTSV4RR', title: 'x', expectedUpdatedAt: new Date().toISOString() },
    });

    expect(errors?.[0]).toMatchObject({ errorType: 'NotFound', errorInfo: { field: 'input.clipId' } });
  });
});

describe('deleteClip', () => {
  it('answers the tombstone, takes the clip out of the library at once, and tells subscribers', async () => {
    const kept = await createClip('deletions', 'Kept');
    const clip = await createClip('deletions', 'Offside');
    const subscriber = await api.subscribe(OnClipUpdatedDocument, { competition: 'deletions' });
    try {
      const { data, errors } = await api.request(DeleteClipDocument, { competition: 'deletions', clipId: clip.clipId });

      expect(errors).toBeUndefined();
      expect(data!.deleteClip).toMatchObject({ clipId: clip.clipId, status: 'DELETED', title: 'Offside' });
      expect(data!.deleteClip.deletedAt).toBe(data!.deleteClip.updatedAt);
      const [pushed] = await subscriber.waitFor(1);
      expect(pushed!.onClipUpdated).toMatchObject({ clipId: clip.clipId, status: 'DELETED' });
      expect(await clipNow(clip)).toBeNull();
      const listed = (await api.request(ClipsByCompetitionDocument, { competition: 'deletions' })).data!.clipsByCompetition.items;
      expect(listed.map((item) => item.clipId)).toEqual([kept.clipId]);
    } finally {
      subscriber.close();
    }
  });

  it('deleting again answers the same tombstone; editing a deleted clip is NotFound', async () => {
    const clip = await createClip('deletions-again');
    const first = (await api.request(DeleteClipDocument, { competition: 'deletions-again', clipId: clip.clipId })).data!.deleteClip;

    const again = await api.request(DeleteClipDocument, { competition: 'deletions-again', clipId: clip.clipId });
    const edit = await api.request(UpdateClipDocument, {
      input: { competition: 'deletions-again', clipId: clip.clipId, title: 'Back', expectedUpdatedAt: first.updatedAt },
    });

    expect(again.errors).toBeUndefined();
    expect(again.data!.deleteClip).toMatchObject({ clipId: clip.clipId, status: 'DELETED', deletedAt: first.deletedAt });
    expect(edit.errors?.[0]).toMatchObject({ errorType: 'NotFound' });
  });

  it.each([
    { args: { competition: 'deletions', clipId: '20260101T120000000Z-01ARZ3NDEKTSV4RR' }, errorType: 'NotFound', field: 'clipId' },
    { args: { competition: 'deletions', clipId: 'token#abc' }, errorType: 'ValidationError', field: 'clipId' },
    { args: { competition: 'a/b', clipId: '20260101T120000000Z-01ARZ3NDEKTSV4RR' }, errorType: 'ValidationError', field: 'competition' },
  ])('refuses $args.clipId in $args.competition as $errorType', async ({ args, errorType, field }) => {
    const { data, errors } = await api.request(DeleteClipDocument, args);

    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({ errorType, errorInfo: { field } });
  });
});

describe('clipsByCompetition status filter', () => {
  it('keeps the clips in that status only, and refuses DELETED', async () => {
    const harvesting = await createClip('statuses');
    api.mediaPackage.refuseHarvests('Time range is outside the startover window');
    const failed = await createClip('statuses').finally(() => api.mediaPackage.refuseHarvests(null));

    const byStatus = async (status: 'HARVESTING' | 'FAILED' | 'DELETED') => api.request(ClipsByCompetitionDocument, { competition: 'statuses', status });

    expect((await byStatus('HARVESTING')).data!.clipsByCompetition.items.map((clip) => clip.clipId)).toEqual([harvesting.clipId]);
    expect((await byStatus('FAILED')).data!.clipsByCompetition.items.map((clip) => clip.clipId)).toEqual([failed.clipId]);
    expect((await byStatus('DELETED')).errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'status' } });
  });
});

describe('clipChanges', () => {
  it('gives a client back exactly what changed while it was away, deletions included, in order', async () => {
    const before = await createClip('catch-up', 'Before');
    const listing = (await api.request(ClipsByCompetitionDocument, { competition: 'catch-up' })).data!.clipsByCompetition;
    const seen = new Map(listing.items.map((clip) => [clip.clipId, clip.updatedAt]));

    // Away: a clip made, one edited, one deleted.
    const made = await createClip('catch-up', 'While away');
    const edited = (await api.request(UpdateClipDocument, { input: { competition: 'catch-up', clipId: made.clipId, title: 'Renamed', expectedUpdatedAt: made.updatedAt } }))
      .data!.updateClip;
    const deleted = (await api.request(DeleteClipDocument, { competition: 'catch-up', clipId: before.clipId })).data!.deleteClip;

    // One clip a page, so the catch-up crosses pages as a busy competition's would.
    const { clips, cursor } = await changesSince(api, 'catch-up', listing.changesCursor, { pageSize: 1 });
    // A change can come again (the cursor stays a few seconds behind now): what the client saw is dropped.
    const newer = clips.filter((clip) => seen.get(clip.clipId) !== clip.updatedAt);

    expect(newer.map((clip) => [clip.clipId, clip.status, clip.title])).toEqual([
      [edited.clipId, edited.status, 'Renamed'],
      [deleted.clipId, 'DELETED', 'Before'],
    ]);
    expect(newer.map((clip) => clip.updatedAt)).toEqual([edited.updatedAt, deleted.updatedAt]);
    // Nothing changed since: the next catch-up brings nothing new.
    expect((await changesSince(api, 'catch-up', cursor)).clips.filter((clip) => !newer.some((seenNow) => seenNow.updatedAt === clip.updatedAt))).toEqual([]);
  });

  it('refuses a cursor it did not make, and one older than deleted clips are remembered', async () => {
    const forged = await api.request(ClipChangesDocument, { competition: 'catch-up', since: 'not-a-cursor!' });
    const ancient = await api.request(ClipChangesDocument, {
      competition: 'catch-up',
      since: Buffer.from(`c1|2020-01-01T00:00:00.000Z||`).toString('base64'),
    });

    expect(forged.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'since' } });
    expect(ancient.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'since' } });
    expect(ancient.errors?.[0]?.message).toMatch(/list the library again/);
  });
});

describe('who may do what in the library', () => {
  const viewer = { username: 'viewer' };
  const editor = { username: 'editor', groups: ['editors'] };
  const producer = { username: 'producer', groups: ['producers'] };

  it.each([
    ['a signed-in viewer without a group', viewer],
    ['a user of another group', producer],
  ])('refuses updateClip and deleteClip to %s, and changes nothing', async (_who, user) => {
    const clip = await createClip('guarded', 'Original');

    const update = await api.requestAs(user, UpdateClipDocument, {
      input: { competition: 'guarded', clipId: clip.clipId, title: 'Hijacked', expectedUpdatedAt: clip.updatedAt },
    });
    const deletion = await api.requestAs(user, DeleteClipDocument, { competition: 'guarded', clipId: clip.clipId });

    expect(update.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access updateClip on type Mutation' });
    expect(deletion.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access deleteClip on type Mutation' });
    expect(await clipNow(clip)).toEqual(clip);
  });

  it('lets an editor update and delete, recording the editor as the maker of clips they create', async () => {
    const made = await api.requestAs(editor, CreateClipDocument, { input: { competition: 'edited-by-editor', title: 'Draft' } });
    const clip = made.data!.createClip;
    expect(clip.createdBy).toBe('editor');

    const updated = await api.requestAs(editor, UpdateClipDocument, {
      input: { competition: clip.competition, clipId: clip.clipId, title: 'Final', expectedUpdatedAt: clip.updatedAt },
    });
    const deleted = await api.requestAs(editor, DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId });

    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateClip).toMatchObject({ title: 'Final', createdBy: 'editor' });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteClip).toMatchObject({ status: 'DELETED', title: 'Final' });
  });

  it('lets any signed-in user read the library, its changes and the competitions', async () => {
    const clip = await createClip('readable');
    const listing = await api.requestAs(viewer, ClipsByCompetitionDocument, { competition: 'readable', status: clip.status });
    const changes = await api.requestAs(viewer, ClipChangesDocument, { competition: 'readable', since: listing.data!.clipsByCompetition.changesCursor });
    const competitions = await api.requestAs(viewer, CompetitionsDocument, {});

    expect(listing.errors).toBeUndefined();
    expect(listing.data!.clipsByCompetition.items.map((item) => item.clipId)).toEqual([clip.clipId]);
    expect(changes.errors).toBeUndefined();
    expect(competitions.data!.competitions.map((competition) => competition.id)).toContain('readable');
  });

  it('refuses the library operations to the backend (IAM), which may only publish', async () => {
    const clip = await createClip('backend-refused');

    await expect(
      api.backend(UpdateClipDocument, { input: { competition: clip.competition, clipId: clip.clipId, title: 'x', expectedUpdatedAt: clip.updatedAt } }),
    ).rejects.toThrow(/Not Authorized to access updateClip on type Mutation/);
    await expect(api.backend(DeleteClipDocument, { competition: clip.competition, clipId: clip.clipId })).rejects.toThrow(
      /Not Authorized to access deleteClip on type Mutation/,
    );
    await expect(api.backend(CompetitionsDocument, {})).rejects.toThrow(/Not Authorized to access competitions on type Query/);
    expect(await clipNow(clip)).toEqual(clip);
  });
});

describe('cancelClip', () => {
  it('cancels a clip still harvesting: CANCELLED, told to subscribers, and a repeat answers it again', async () => {
    const clip = await createClip('cancels');
    const subscriber = await api.subscribe(OnClipUpdatedDocument, { competition: 'cancels', clipId: clip.clipId });
    try {
      const { data, errors } = await api.request(CancelClipDocument, { competition: 'cancels', clipId: clip.clipId });

      expect(errors).toBeUndefined();
      expect(data!.cancelClip).toMatchObject({ clipId: clip.clipId, status: 'CANCELLED', title: 'Goal' });
      const [pushed] = await subscriber.waitFor(1);
      expect(pushed!.onClipUpdated).toMatchObject({ clipId: clip.clipId, status: 'CANCELLED' });
      const again = await api.request(CancelClipDocument, { competition: 'cancels', clipId: clip.clipId });
      expect(again.data!.cancelClip).toEqual(data!.cancelClip);
      expect(await clipNow(clip)).toEqual(data!.cancelClip);
    } finally {
      subscriber.close();
    }
  });

  it('refuses a clip whose harvest has ended with a ConflictError carrying the clip, and changes nothing', async () => {
    const clip = await createClip('cancel-too-late');
    // As the handlers leave a clip whose harvest and packaging ended (this home's MediaPackage is a double).
    const dynamodb = new DynamoDBClient({ endpoint: api.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'clips',
        Key: marshall({ competition: clip.competition, clipId: clip.clipId }),
        UpdateExpression: 'SET #status = :ready REMOVE inFlightStatus, inFlightSince',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':ready': 'READY' }),
      }),
    );
    dynamodb.destroy();
    const before = await clipNow(clip);

    const { data, errors } = await api.request(CancelClipDocument, { competition: clip.competition, clipId: clip.clipId });

    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({
      errorType: 'ConflictError',
      message: 'clipId: cannot be cancelled: the clip is READY: only a PENDING or HARVESTING clip can be cancelled',
      data: { clipId: clip.clipId, status: 'READY' },
      errorInfo: { field: 'clipId' },
    });
    expect(await clipNow(clip)).toEqual(before);
  });

  it.each([
    { args: { competition: 'cancels', clipId: '20260101T120000000Z-01ARZ3NDEKTSV4RR' }, errorType: 'NotFound', field: 'clipId' },
    { args: { competition: 'has space', clipId: '20260101T120000000Z-01ARZ3NDEKTSV4RR' }, errorType: 'ValidationError', field: 'competition' },
    { args: { competition: 'cancels', clipId: '../etc' }, errorType: 'ValidationError', field: 'clipId' },
  ])('answers $errorType for $field $args.clipId', async ({ args, errorType, field }) => {
    const { errors } = await api.request(CancelClipDocument, args);

    expect(errors?.[0]).toMatchObject({ errorType });
    expect(errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
  });

  it('refuses a viewer and the backend, and changes nothing', async () => {
    const clip = await createClip('cancel-guarded');

    const viewer = await api.requestAs({ username: 'viewer' }, CancelClipDocument, { competition: clip.competition, clipId: clip.clipId });

    expect(viewer.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access cancelClip on type Mutation' });
    await expect(api.backend(CancelClipDocument, { competition: clip.competition, clipId: clip.clipId })).rejects.toThrow(/Not Authorized to access cancelClip/);
    expect(await clipNow(clip)).toEqual(clip);
  });
});
