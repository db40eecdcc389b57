export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

export type Clip = {
  __typename?: 'Clip';
  /** Sorts by start time: clips of one competition list in time order by this id. */
  clipId: Scalars['ID']['output'];
  competition: Scalars['ID']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** Who made the clip: the Cognito username, or "api-key" for an API-key caller. Null for clips made before it was recorded. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** When the clip was deleted; set on DELETED tombstones only. */
  deletedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  durationSeconds: Scalars['Float']['output'];
  endTime: Scalars['AWSDateTime']['output'];
  failureReason?: Maybe<Scalars['String']['output']>;
  /** The permanent VOD copy, once status is READY. */
  manifests: Array<Manifest>;
  /** A time-shifted URL of the live origin for the clip's range: playable as soon as createClip returns, for as long as the origin's startover window holds the range. */
  previewUrl?: Maybe<Scalars['AWSURL']['output']>;
  startTime: Scalars['AWSDateTime']['output'];
  status: ClipStatus;
  title?: Maybe<Scalars['String']['output']>;
  /** Changes with every write of the clip: pass it to updateClip as expectedUpdatedAt. */
  updatedAt: Scalars['AWSDateTime']['output'];
};

/** The clips of a competition that changed after a cursor, oldest change first. */
export type ClipChanges = {
  __typename?: 'ClipChanges';
  /** Pass as since to the next call. Never null: with no change it is a cursor for now. */
  cursor: Scalars['String']['output'];
  /** More changes are waiting: call again at once with cursor. */
  hasMore: Scalars['Boolean']['output'];
  /** Each clip as it is now (DELETED ones are tombstones). A change can come again: keep the copy with the newest updatedAt. */
  items: Array<Clip>;
};

export type ClipConnection = {
  __typename?: 'ClipConnection';
  /** Pass to clipChanges as since, to get every change made after this page was read. */
  changesCursor: Scalars['String']['output'];
  items: Array<Clip>;
  /** Pass to the next call to get the following page; null on the last page. A filtered page may hold fewer than limit clips and still have one. */
  nextToken?: Maybe<Scalars['String']['output']>;
};

/** Where a clip is on its way from a live range to a playable VOD asset. */
export type ClipStatus =
  /** Cancelled by cancelClip before it became playable: its harvest job was stopped and its files removed. */
  | 'CANCELLED'
  /**
   * Removed from the library, by deleteClip or by retention: its VOD asset and files are gone (or
   * going). Only onClipUpdated and clipChanges carry such a clip, as a tombstone with deletedAt.
   */
  | 'DELETED'
  /** Will not become playable; failureReason says why. */
  | 'FAILED'
  /** MediaPackage is harvesting the range from the live origin. */
  | 'HARVESTING'
  /** Harvested; MediaPackage-VOD is ingesting the asset. */
  | 'PACKAGING'
  /** Written; the harvest job has not started yet (for instance while the harvest-job quota is full). */
  | 'PENDING'
  /** Playable: manifests hold the VOD URLs. */
  | 'READY';

/** A competition the library knows: one with a live channel of its own, or one with clips. */
export type Competition = {
  __typename?: 'Competition';
  /** True when a live channel is configured for this competition itself; false when it clips from the default channel. */
  hasOwnChannel: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** When its newest clip was made; null while it has none (or retention removed them all). */
  lastClipAt?: Maybe<Scalars['AWSDateTime']['output']>;
  /** The HLS playback URL of the live stream its clips are cut from: its own channel's, else the default channel's. */
  livePlaybackUrl: Scalars['AWSURL']['output'];
};

export type CreateClipInput = {
  /** Makes retries safe: a repeated token for the same competition returns the first clip and starts no second job. */
  clientToken?: InputMaybe<Scalars['String']['input']>;
  competition: Scalars['ID']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** End of the range. Defaults to now. */
  endTime?: InputMaybe<Scalars['AWSDateTime']['input']>;
  /** Start of the range. Defaults to 60 s before endTime. */
  startTime?: InputMaybe<Scalars['AWSDateTime']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type Manifest = {
  __typename?: 'Manifest';
  format: ManifestFormat;
  url: Scalars['AWSURL']['output'];
};

export type ManifestFormat =
  | 'CMAF'
  | 'DASH'
  | 'HLS';

export type ManifestInput = {
  format: ManifestFormat;
  url: Scalars['AWSURL']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Cancels a clip that is not playable yet (PENDING or HARVESTING): its harvest job is stopped, its
   * files are removed, and it ends CANCELLED (subscribers are told). A clip whose harvest has ended
   * is refused with a ConflictError carrying the clip: delete it instead. Cancelling a cancelled clip
   * answers it again.
   */
  cancelClip: Clip;
  createClip: Clip;
  /**
   * Deletes a clip: it leaves the library at once (the answer is its DELETED tombstone), and its VOD
   * asset and files are removed; a clip still harvesting is removed when its harvest ends. Deleting
   * a deleted clip answers its tombstone again and finishes a removal that stopped half-way.
   */
  deleteClip: Clip;
  /** For the backend alone: tells subscribers that a clip changed. Changes nothing stored. */
  publishClipUpdate?: Maybe<Clip>;
  /** Changes the title or description of a clip, if nobody else changed the clip since expectedUpdatedAt. */
  updateClip: Clip;
};


export type MutationCancelClipArgs = {
  clipId: Scalars['ID']['input'];
  competition: Scalars['ID']['input'];
};


export type MutationCreateClipArgs = {
  input: CreateClipInput;
};


export type MutationDeleteClipArgs = {
  clipId: Scalars['ID']['input'];
  competition: Scalars['ID']['input'];
};


export type MutationPublishClipUpdateArgs = {
  input: PublishClipUpdateInput;
};


export type MutationUpdateClipArgs = {
  input: UpdateClipInput;
};

/** The whole clip as the backend has just written it. */
export type PublishClipUpdateInput = {
  clipId: Scalars['ID']['input'];
  competition: Scalars['ID']['input'];
  createdAt: Scalars['AWSDateTime']['input'];
  createdBy?: InputMaybe<Scalars['String']['input']>;
  deletedAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  durationSeconds: Scalars['Float']['input'];
  endTime: Scalars['AWSDateTime']['input'];
  failureReason?: InputMaybe<Scalars['String']['input']>;
  manifests: Array<ManifestInput>;
  previewUrl?: InputMaybe<Scalars['AWSURL']['input']>;
  startTime: Scalars['AWSDateTime']['input'];
  status: ClipStatus;
  title?: InputMaybe<Scalars['String']['input']>;
  updatedAt: Scalars['AWSDateTime']['input'];
};

export type Query = {
  __typename?: 'Query';
  clip?: Maybe<Clip>;
  /**
   * What changed in a competition's library after since (a cursor from clipsByCompetition or from an
   * earlier clipChanges): created, changed and deleted clips, oldest change first. A client that was
   * disconnected asks with the last cursor it holds and misses nothing.
   */
  clipChanges: ClipChanges;
  /** Newest first. from/to bound the clips' start time; status keeps the clips in that status only. */
  clipsByCompetition: ClipConnection;
  /** Every competition with a live channel of its own or with clips, by id: a picker lists them. */
  competitions: Array<Competition>;
};


export type QueryClipArgs = {
  clipId: Scalars['ID']['input'];
  competition: Scalars['ID']['input'];
};


export type QueryClipChangesArgs = {
  competition: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  since: Scalars['String']['input'];
};


export type QueryClipsByCompetitionArgs = {
  competition: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['AWSDateTime']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ClipStatus>;
  to?: InputMaybe<Scalars['AWSDateTime']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Clips of a competition the moment they become playable (status READY only). */
  onClipReady?: Maybe<Clip>;
  /**
   * Every change of a competition's clips (or of one clip, given clipId): created, harvesting,
   * packaging, ready, failed, edited or deleted. Fields come as the triggering mutation selected them.
   */
  onClipUpdated?: Maybe<Clip>;
};


export type SubscriptionOnClipReadyArgs = {
  competition: Scalars['ID']['input'];
};


export type SubscriptionOnClipUpdatedArgs = {
  clipId?: InputMaybe<Scalars['ID']['input']>;
  competition: Scalars['ID']['input'];
};

export type UpdateClipInput = {
  clipId: Scalars['ID']['input'];
  competition: Scalars['ID']['input'];
  /** A new description; null or "" removes it, leaving it out keeps it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The updatedAt of the clip as the editor last saw it: the update is refused with a ConflictError carrying the clip as it is now if it changed since. */
  expectedUpdatedAt: Scalars['AWSDateTime']['input'];
  /** A new title; null or "" removes it, leaving it out keeps it. */
  title?: InputMaybe<Scalars['String']['input']>;
};
