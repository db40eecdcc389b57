// Who may do what: every query, mutation and subscription of schema/schema.graphql crossed with
// every kind of caller, over HTTP and over AppSync's real-time protocol, against the local home in
// the AWS home's auth shape (`--auth cognito`: Cognito user pools by default, IAM, no API key)
// and, for the API-key caller, in its default shape. MATRIX is the spec; each cell is one test.
// Then the tokens AppSync refuses: expired, tampered, for another app client, from another
// issuer, signed with another key, unsigned.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelClipDocument,
  ClipChangesDocument,
  ClipDocument,
  ClipsByCompetitionDocument,
  CompetitionsDocument,
  CreateClipDocument,
  DeleteClipDocument,
  OnClipReadyDocument,
  OnClipUpdatedDocument,
  PublishClipUpdateDocument,
  UpdateClipDocument,
  type ClipFieldsFragment,
} from '../../generated/operations/graphql.ts';
import { createCognitoIssuer, type CognitoIssuer } from '../../local/appsync/auth/index.ts';
import { headerSubprotocol, postGraphQL, RawClient, REALTIME_SIGNED_HEADERS, sigV4Headers, type Message } from '../local/appsync/server/helpers.ts';
import { publishedClip } from '../local/appsync/server/realEngine.ts';
import { startApiForTests, type ApiForTests } from '../support/localApi.ts';

/** The callers of issue 13. `producer` is a signed-in user of another group than `editors`. */
const CALLERS = ['anonymous', 'viewer', 'editor', 'producer', 'backend', 'apiKey'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * allowed: the operation runs and answers data.
 * denied: the caller is authenticated, but the field's @aws_* directives do not admit it: AppSync's
 *   GraphQL error `Unauthorized` "Not Authorized to access <field> on type <Type>", the field null,
 *   nothing written; on the real-time endpoint the `start` is answered with that error.
 * refused: no mode of the API accepts the credentials: HTTP 401 UnauthorizedException before any
 *   field runs; on the real-time endpoint `connection_error` 401, and a `start` carrying them on
 *   another caller's connection is refused with UnauthorizedException.
 */
type Outcome = 'allowed' | 'denied' | 'refused';
const [A, D, R] = ['allowed', 'denied', 'refused'] as const;

const OPERATIONS = [
  'clip',
  'clipsByCompetition',
  'clipChanges',
  'competitions',
  'createClip',
  'updateClip',
  'deleteClip',
  'cancelClip',
  'publishClipUpdate',
  'onClipReady',
  'onClipUpdated',
] as const;
type Operation = (typeof OPERATIONS)[number];

// The spec. Columns: anonymous, viewer, editor, producer, backend (IAM), an API key against the
// home in the AWS shape (it has none), and the API key against the API-key home.
//                                anon viewer editor producer backend key@cognito key@key-home
const MATRIX: Record<Operation, readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  clip:                          [R,   A,     A,     A,       D,      R,          A],
  clipsByCompetition:            [R,   A,     A,     A,       D,      R,          A],
  clipChanges:                   [R,   A,     A,     A,       D,      R,          A],
  competitions:                  [R,   A,     A,     A,       D,      R,          A],
  createClip:                    [R,   D,     A,     D,       D,      R,          A],
  updateClip:                    [R,   D,     A,     D,       D,      R,          A],
  deleteClip:                    [R,   D,     A,     D,       D,      R,          A],
  cancelClip:                    [R,   D,     A,     D,       D,      R,          A],
  publishClipUpdate:             [R,   D,     D,     D,       A,      R,          D],
  onClipReady:                   [R,   A,     A,     A,       D,      R,          A],
  onClipUpdated:                 [R,   A,     A,     A,       D,      R,          A],
};

const ROOT_TYPE: Record<Operation, 'Query' | 'Mutation' | 'Subscription'> = {
  clip: 'Query',
  clipsByCompetition: 'Query',
  clipChanges: 'Query',
  competitions: 'Query',
  createClip: 'Mutation',
  updateClip: 'Mutation',
  deleteClip: 'Mutation',
  cancelClip: 'Mutation',
  publishClipUpdate: 'Mutation',
  onClipReady: 'Subscription',
  onClipUpdated: 'Subscription',
};

const USERS: Record<'viewer' | 'editor' | 'producer', { username: string; groups: string[] }> = {
  viewer: { username: 'viewer', groups: [] },
  editor: { username: 'editor', groups: ['editors'] },
  producer: { username: 'producer', groups: ['producers'] },
};

/** A caller of the matrix, or a bare Cognito token (the token cases). */
type Who = Caller | { token: string };

type AnyDocument = TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;

interface Call {
  document: AnyDocument;
  variables: Record<string, unknown>;
  /** After a denied mutation: the clip it aimed at, as it was, to check nothing changed. */
  target?: ClipFieldsFragment;
  /** After a denied createClip: the competition that must still have no clip. */
  emptyCompetition?: string;
}

/** One home and the callers' credentials for it. */
class Home {
  private cell = 0;
  constructor(readonly api: ApiForTests) {}

  token(user: keyof typeof USERS): string {
    return this.api.cognito.issueToken(USERS[user]);
  }

  /** The auth headers of a request with `body` to `url` (`<endpoint>/connect` and `{}` for a real-time handshake). */
  async headers(caller: Who, url: string, body: string, signed = { 'content-type': 'application/json' }): Promise<Record<string, string>> {
    const host = new URL(this.api.graphqlUrl).host;
    if (typeof caller === 'object') return { host, authorization: caller.token };
    switch (caller) {
      case 'anonymous':
        return { host };
      case 'viewer':
      case 'editor':
      case 'producer':
        return { host, authorization: this.token(caller) };
      case 'backend':
        return sigV4Headers({ ...this.api.iam }, url, body, signed, this.api.region);
      case 'apiKey':
        return { host, 'x-api-key': this.api.apiKey };
    }
  }

  async post(caller: Who, call: Pick<Call, 'document' | 'variables'>) {
    const body = JSON.stringify({ query: print(call.document), variables: call.variables });
    return postGraphQL(this.api.graphqlUrl, body, await this.headers(caller, this.api.graphqlUrl, body));
  }

  async asEditor<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    const { body } = await this.post('editor', { document: document as unknown as AnyDocument, variables: variables as Record<string, unknown> });
    expect(body['errors']).toBeUndefined();
    return body['data'] as T;
  }

  /** A competition of its own per cell, so cells never see each other's clips. */
  competition(operation: Operation, caller: Caller): string {
    this.cell += 1;
    return `matrix-${operation}-${caller}-${this.cell}`.slice(0, 128);
  }

  async clipIn(competition: string): Promise<ClipFieldsFragment> {
    return (await this.asEditor(CreateClipDocument, { input: { competition, title: 'Fixture' } })).createClip;
  }

  async clipNow(clip: ClipFieldsFragment): Promise<ClipFieldsFragment | null | undefined> {
    return (await this.asEditor(ClipDocument, { competition: clip.competition, clipId: clip.clipId })).clip;
  }

  /** The request a cell sends, with the data it needs made beforehand by an editor. */
  async prepare(operation: Operation, caller: Caller): Promise<Call> {
    const competition = this.competition(operation, caller);
    const call = (document: unknown, variables: Record<string, unknown>, extra: Partial<Call> = {}): Call => ({
      document: document as AnyDocument,
      variables,
      ...extra,
    });
    switch (operation) {
      case 'clip': {
        const clip = await this.clipIn(competition);
        return call(ClipDocument, { competition, clipId: clip.clipId });
      }
      case 'clipsByCompetition':
        await this.clipIn(competition);
        return call(ClipsByCompetitionDocument, { competition });
      case 'clipChanges': {
        const listed = await this.asEditor(ClipsByCompetitionDocument, { competition });
        return call(ClipChangesDocument, { competition, since: listed.clipsByCompetition.changesCursor });
      }
      case 'competitions':
        return call(CompetitionsDocument, {});
      case 'createClip':
        return call(CreateClipDocument, { input: { competition, title: 'Made in the matrix' } }, { emptyCompetition: competition });
      case 'updateClip': {
        const clip = await this.clipIn(competition);
        return call(UpdateClipDocument, { input: { competition, clipId: clip.clipId, title: 'Renamed', expectedUpdatedAt: clip.updatedAt } }, { target: clip });
      }
      case 'deleteClip': {
        const clip = await this.clipIn(competition);
        return call(DeleteClipDocument, { competition, clipId: clip.clipId }, { target: clip });
      }
      case 'cancelClip': {
        const clip = await this.clipIn(competition);
        return call(CancelClipDocument, { competition, clipId: clip.clipId }, { target: clip });
      }
      case 'publishClipUpdate':
        return call(PublishClipUpdateDocument, { input: publishedClip(competition, '20260101T100000000Z-MATRIX', 'READY') });
      case 'onClipReady':
        return call(OnClipReadyDocument, { competition });
      case 'onClipUpdated':
        return call(OnClipUpdatedDocument, { competition });
    }
  }

  /** A real-time connection opened with the caller's credentials, answered with connection_ack or connection_error. */
  async connect(caller: Who): Promise<{ client: RawClient; answer: Message }> {
    const connectUrl = `${this.api.graphqlUrl}/connect`;
    const headers = await this.headers(caller, connectUrl, '{}', REALTIME_SIGNED_HEADERS);
    const client = new RawClient(this.api.realtimeUrl, ['graphql-ws', headerSubprotocol(headers)]);
    await client.opened();
    client.send({ type: 'connection_init' });
    return { client, answer: await client.next() };
  }

  async start(client: RawClient, caller: Who, call: Pick<Call, 'document' | 'variables'>): Promise<Message> {
    const data = JSON.stringify({ query: print(call.document), variables: call.variables });
    const authorization = await this.headers(caller, this.api.graphqlUrl, data, REALTIME_SIGNED_HEADERS);
    client.send({ id: 'matrix', type: 'start', payload: { data, extensions: { authorization } } });
    return client.next((message) => message.id === 'matrix');
  }
}

/** A JWT of `header` and `claims` signed RS256 with `key`, as Cognito signs. */
function signedJwt(key: KeyObject, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

const segment = (token: string, index: 0 | 1) => JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

const unauthorized = (operation: Operation) => ({
  errorType: 'Unauthorized',
  message: `Not Authorized to access ${operation} on type ${ROOT_TYPE[operation]}`,
});
const REFUSED = { errorType: 'UnauthorizedException' };

async function checkHttpCell(home: Home, operation: Operation, caller: Caller, expected: Outcome): Promise<void> {
  const call = await home.prepare(operation, caller);
  const { status, body } = await home.post(caller, call);

  if (expected === 'refused') {
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [expect.objectContaining(REFUSED)] });
  } else if (expected === 'denied') {
    expect(status).toBe(200);
    // A nullable field (clip, publishClipUpdate) is nulled; a non-null one nulls the whole data.
    expect((body['data'] as Record<string, unknown> | null)?.[operation] ?? null).toBeNull();
    expect((body['errors'] as unknown[])[0]).toMatchObject(unauthorized(operation));
  } else {
    expect(status).toBe(200);
    expect(body['errors']).toBeUndefined();
    expect((body['data'] as Record<string, unknown>)[operation]).toBeTruthy();
  }
  if (expected !== 'allowed') {
    if (call.target) expect(await home.clipNow(call.target)).toEqual(call.target);
    if (call.emptyCompetition) {
      expect((await home.asEditor(ClipsByCompetitionDocument, { competition: call.emptyCompetition })).clipsByCompetition.items).toEqual([]);
    }
  }
}

async function checkRealtimeCell(home: Home, operation: Operation, caller: Caller, expected: Outcome): Promise<void> {
  const call = await home.prepare(operation, caller);
  const own = await home.connect(caller);
  const opened: RawClient[] = [own.client];
  try {
    let client = own.client;
    if (expected === 'refused') {
      expect(own.answer).toMatchObject({ type: 'connection_error', payload: { errors: [{ ...REFUSED, errorCode: 401 }] } });
      // Its credentials on a connection an editor opened: the start is refused all the same.
      const editors = await home.connect('editor');
      opened.push(editors.client);
      client = editors.client;
    } else {
      expect(own.answer.type).toBe('connection_ack');
    }
    const answer = await home.start(client, caller, call);
    if (expected === 'refused') {
      expect(answer).toMatchObject({ type: 'error', payload: { errors: [REFUSED] } });
    } else if (expected === 'denied') {
      expect(answer).toMatchObject({ type: 'error', payload: { errors: [unauthorized(operation)] } });
    } else {
      expect(answer.type).toBe('start_ack');
      // And the subscriber hears the backend's push for its competition.
      const competition = call.variables['competition'] as string;
      const published = await home.post('backend', { document: PublishClipUpdateDocument as unknown as AnyDocument, variables: { input: publishedClip(competition, '20260101T100000000Z-PUSHED', 'READY') } });
      expect(published.body['errors']).toBeUndefined();
      const pushed = await client.next((message) => message.id === 'matrix' && message.type === 'data');
      expect(pushed.payload).toMatchObject({ data: { [operation]: { competition, clipId: '20260101T100000000Z-PUSHED' } } });
    }
  } finally {
    for (const client of opened) client.close();
  }
}

const check = (home: Home, operation: Operation, caller: Caller, expected: Outcome) =>
  ROOT_TYPE[operation] === 'Subscription' ? checkRealtimeCell(home, operation, caller, expected) : checkHttpCell(home, operation, caller, expected);

const cells = (column: (row: (typeof MATRIX)[Operation]) => readonly Outcome[]) =>
  OPERATIONS.flatMap((operation) => {
    const outcomes = column(MATRIX[operation]);
    return CALLERS.slice(0, outcomes.length).map((caller, index) => ({
      operation,
      caller,
      expected: outcomes[index] as Outcome,
      transport: ROOT_TYPE[operation] === 'Subscription' ? 'real-time' : 'HTTP',
    }));
  });

// The matrix makes a clip for each cell it checks, as one editor, far more than the per-caller
// createClip limit lets through in a minute: that limit is createClipRate.test.ts's to test.
const MATRIX_CLIP_RATE = { limit: 1_000, windowSeconds: 60 };

describe('the home in the AWS shape (--auth cognito)', () => {
  let home: Home;

  beforeAll(async () => {
    home = new Home(await startApiForTests({ auth: 'cognito', createClipRate: MATRIX_CLIP_RATE }));
  });
  afterAll(async () => {
    await home?.api.stop();
  });

  it.each(cells((row) => row.slice(0, 6)))('$operation by $caller over $transport: $expected', async ({ operation, caller, expected }) => {
    await check(home, operation, caller, expected);
  });
});

describe('the home with the API key (the default)', () => {
  let home: Home;

  beforeAll(async () => {
    home = new Home(await startApiForTests({ createClipRate: MATRIX_CLIP_RATE }));
  });
  afterAll(async () => {
    await home?.api.stop();
  });

  it.each(cells((row) => [row[6]]).map((cell) => ({ ...cell, caller: 'apiKey' as const })))(
    '$operation by $caller over $transport: $expected',
    async ({ operation, caller, expected }) => {
      await check(home, operation, caller, expected);
    },
  );
});

// AppSync's Cognito user pools mode takes the pool's id tokens and its access tokens alike (both
// carry cognito:groups; the id token's `aud` and the access token's `client_id` must match the app
// client, appIdClientRegex), signed by the pool's key (its JWKS), from the pool's issuer, unexpired:
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#amazon-cognito-user-pools-authorization
// (Amplify v6 sends the access token, and AppSync accepts it: https://github.com/aws-amplify/amplify-js/issues/1772).
// Anything else is refused before any field runs: 401 over HTTP, connection_error and a refused
// start on the real-time endpoint.
describe('tokens: what the AWS-shaped home accepts as a Cognito user', () => {
  const editor = { username: 'editor', groups: ['editors'] };
  let home: Home;
  let otherDir: string;
  let poolKey: KeyObject;
  let anotherClient: CognitoIssuer;
  let anotherIssuer: CognitoIssuer;
  let anotherKey: CognitoIssuer;
  let anotherPrivateKey: KeyObject;

  beforeAll(async () => {
    home = new Home(await startApiForTests({ auth: 'cognito', createClipRate: MATRIX_CLIP_RATE }));
    const poolKeyFile = join(home.api.dataDir, 'credentials', 'cognito-key.pem');
    poolKey = createPrivateKey(await readFile(poolKeyFile, 'utf8'));
    // The pool's own key, but another app client or another issuer.
    anotherClient = await createCognitoIssuer({ keyFile: poolKeyFile, clientId: 'anotherclient' });
    anotherIssuer = await createCognitoIssuer({ keyFile: poolKeyFile, issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_another' });
    // Everything as the pool, but another key.
    otherDir = await mkdtemp(join(tmpdir(), 'matrix-other-key-'));
    anotherKey = await createCognitoIssuer({ keyFile: join(otherDir, 'other.pem') });
    anotherPrivateKey = createPrivateKey(await readFile(join(otherDir, 'other.pem'), 'utf8'));
  });
  afterAll(async () => {
    await home?.api.stop();
    if (otherDir) await rm(otherDir, { recursive: true, force: true });
  });

  const pool = () => home.api.cognito;
  const TOKENS: Array<{ name: string; accepted: boolean; token: () => string }> = [
    { name: 'an id token of the pool', accepted: true, token: () => pool().issueToken(editor) },
    { name: 'an access token of the pool', accepted: true, token: () => pool().issueToken({ ...editor, tokenUse: 'access' }) },
    { name: 'an expired id token', accepted: false, token: () => pool().issueToken({ ...editor, ttlSeconds: -1 }) },
    { name: 'an expired access token', accepted: false, token: () => pool().issueToken({ ...editor, tokenUse: 'access', ttlSeconds: -1 }) },
    {
      name: "a viewer's id token whose payload was changed to the editors group, signature kept",
      accepted: false,
      token: () => {
        const [header, payload, signature] = pool().issueToken({ username: 'viewer' }).split('.');
        const claims = { ...(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as object), 'cognito:groups': ['editors'] };
        return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      },
    },
    { name: 'an id token for another app client (aud)', accepted: false, token: () => anotherClient.issueToken(editor) },
    { name: 'an access token for another app client (client_id)', accepted: false, token: () => anotherClient.issueToken({ ...editor, tokenUse: 'access' }) },
    { name: 'an id token from another issuer (iss)', accepted: false, token: () => anotherIssuer.issueToken(editor) },
    { name: 'an id token signed with another key (its own kid)', accepted: false, token: () => anotherKey.issueToken(editor) },
    {
      name: "an id token signed with another key under the pool's kid",
      accepted: false,
      token: () => {
        const genuine = pool().issueToken(editor);
        return signedJwt(anotherPrivateKey, segment(genuine, 0), segment(genuine, 1));
      },
    },
    {
      name: 'an unsigned id token (alg none)',
      accepted: false,
      token: () => {
        const genuine = pool().issueToken(editor);
        return `${Buffer.from(JSON.stringify({ ...segment(genuine, 0), alg: 'none' })).toString('base64url')}.${genuine.split('.')[1]}.`;
      },
    },
    {
      name: 'a token of the pool that is neither an id nor an access token (token_use refresh)',
      accepted: false,
      token: () => {
        const genuine = pool().issueToken(editor);
        return signedJwt(poolKey, segment(genuine, 0), { ...segment(genuine, 1), token_use: 'refresh' });
      },
    },
  ];

  const createClip = (competition: string) => ({ document: CreateClipDocument as unknown as AnyDocument, variables: { input: { competition } } });

  it.each(TOKENS)('$name: accepted $accepted over HTTP (an editor\'s createClip)', async ({ token, accepted }) => {
    const { status, body } = await home.post({ token: token() }, createClip('matrix-tokens'));

    if (accepted) {
      expect(status).toBe(200);
      expect(body['data']).toMatchObject({ createClip: { competition: 'matrix-tokens', createdBy: 'editor' } });
    } else {
      expect(status).toBe(401);
      expect(body).toEqual({ errors: [expect.objectContaining(REFUSED)] });
    }
  });

  it.each(TOKENS)('$name: accepted $accepted on the real-time endpoint (connection, then start)', async ({ token, accepted }) => {
    const who = { token: token() };
    const subscription = { document: OnClipUpdatedDocument as unknown as AnyDocument, variables: { competition: 'matrix-tokens' } };
    const own = await home.connect(who);
    const editors = await home.connect('editor');
    try {
      const answer = await home.start(editors.client, who, subscription);
      if (accepted) {
        expect(own.answer.type).toBe('connection_ack');
        expect(answer.type).toBe('start_ack');
      } else {
        expect(own.answer).toMatchObject({ type: 'connection_error', payload: { errors: [{ ...REFUSED, errorCode: 401 }] } });
        expect(answer).toMatchObject({ type: 'error', payload: { errors: [REFUSED] } });
      }
    } finally {
      own.client.close();
      editors.client.close();
    }
  });
});
