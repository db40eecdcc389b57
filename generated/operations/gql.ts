/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment ClipFields on Clip {\n  competition\n  clipId\n  status\n  startTime\n  endTime\n  durationSeconds\n  title\n  description\n  manifests {\n    format\n    url\n  }\n  previewUrl\n  failureReason\n  createdBy\n  createdAt\n  updatedAt\n  deletedAt\n}\n\nmutation CreateClip($input: CreateClipInput!) {\n  createClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nquery Clip($competition: ID!, $clipId: ID!) {\n  clip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nquery ClipsByCompetition($competition: ID!, $from: AWSDateTime, $to: AWSDateTime, $status: ClipStatus, $limit: Int, $nextToken: String) {\n  clipsByCompetition(\n    competition: $competition\n    from: $from\n    to: $to\n    status: $status\n    limit: $limit\n    nextToken: $nextToken\n  ) {\n    items {\n      ...ClipFields\n    }\n    nextToken\n    changesCursor\n  }\n}\n\nquery ClipChanges($competition: ID!, $since: String!, $limit: Int) {\n  clipChanges(competition: $competition, since: $since, limit: $limit) {\n    items {\n      ...ClipFields\n    }\n    cursor\n    hasMore\n  }\n}\n\nmutation UpdateClip($input: UpdateClipInput!) {\n  updateClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nmutation DeleteClip($competition: ID!, $clipId: ID!) {\n  deleteClip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipReady($competition: ID!) {\n  onClipReady(competition: $competition) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipUpdated($competition: ID!, $clipId: ID) {\n  onClipUpdated(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nmutation PublishClipUpdate($input: PublishClipUpdateInput!) {\n  publishClipUpdate(input: $input) {\n    ...ClipFields\n  }\n}": typeof types.ClipFieldsFragmentDoc,
};
const documents: Documents = {
    "fragment ClipFields on Clip {\n  competition\n  clipId\n  status\n  startTime\n  endTime\n  durationSeconds\n  title\n  description\n  manifests {\n    format\n    url\n  }\n  previewUrl\n  failureReason\n  createdBy\n  createdAt\n  updatedAt\n  deletedAt\n}\n\nmutation CreateClip($input: CreateClipInput!) {\n  createClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nquery Clip($competition: ID!, $clipId: ID!) {\n  clip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nquery ClipsByCompetition($competition: ID!, $from: AWSDateTime, $to: AWSDateTime, $status: ClipStatus, $limit: Int, $nextToken: String) {\n  clipsByCompetition(\n    competition: $competition\n    from: $from\n    to: $to\n    status: $status\n    limit: $limit\n    nextToken: $nextToken\n  ) {\n    items {\n      ...ClipFields\n    }\n    nextToken\n    changesCursor\n  }\n}\n\nquery ClipChanges($competition: ID!, $since: String!, $limit: Int) {\n  clipChanges(competition: $competition, since: $since, limit: $limit) {\n    items {\n      ...ClipFields\n    }\n    cursor\n    hasMore\n  }\n}\n\nmutation UpdateClip($input: UpdateClipInput!) {\n  updateClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nmutation DeleteClip($competition: ID!, $clipId: ID!) {\n  deleteClip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipReady($competition: ID!) {\n  onClipReady(competition: $competition) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipUpdated($competition: ID!, $clipId: ID) {\n  onClipUpdated(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nmutation PublishClipUpdate($input: PublishClipUpdateInput!) {\n  publishClipUpdate(input: $input) {\n    ...ClipFields\n  }\n}": types.ClipFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ClipFields on Clip {\n  competition\n  clipId\n  status\n  startTime\n  endTime\n  durationSeconds\n  title\n  description\n  manifests {\n    format\n    url\n  }\n  previewUrl\n  failureReason\n  createdBy\n  createdAt\n  updatedAt\n  deletedAt\n}\n\nmutation CreateClip($input: CreateClipInput!) {\n  createClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nquery Clip($competition: ID!, $clipId: ID!) {\n  clip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nquery ClipsByCompetition($competition: ID!, $from: AWSDateTime, $to: AWSDateTime, $status: ClipStatus, $limit: Int, $nextToken: String) {\n  clipsByCompetition(\n    competition: $competition\n    from: $from\n    to: $to\n    status: $status\n    limit: $limit\n    nextToken: $nextToken\n  ) {\n    items {\n      ...ClipFields\n    }\n    nextToken\n    changesCursor\n  }\n}\n\nquery ClipChanges($competition: ID!, $since: String!, $limit: Int) {\n  clipChanges(competition: $competition, since: $since, limit: $limit) {\n    items {\n      ...ClipFields\n    }\n    cursor\n    hasMore\n  }\n}\n\nmutation UpdateClip($input: UpdateClipInput!) {\n  updateClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nmutation DeleteClip($competition: ID!, $clipId: ID!) {\n  deleteClip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipReady($competition: ID!) {\n  onClipReady(competition: $competition) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipUpdated($competition: ID!, $clipId: ID) {\n  onClipUpdated(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nmutation PublishClipUpdate($input: PublishClipUpdateInput!) {\n  publishClipUpdate(input: $input) {\n    ...ClipFields\n  }\n}"): (typeof documents)["fragment ClipFields on Clip {\n  competition\n  clipId\n  status\n  startTime\n  endTime\n  durationSeconds\n  title\n  description\n  manifests {\n    format\n    url\n  }\n  previewUrl\n  failureReason\n  createdBy\n  createdAt\n  updatedAt\n  deletedAt\n}\n\nmutation CreateClip($input: CreateClipInput!) {\n  createClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nquery Clip($competition: ID!, $clipId: ID!) {\n  clip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nquery ClipsByCompetition($competition: ID!, $from: AWSDateTime, $to: AWSDateTime, $status: ClipStatus, $limit: Int, $nextToken: String) {\n  clipsByCompetition(\n    competition: $competition\n    from: $from\n    to: $to\n    status: $status\n    limit: $limit\n    nextToken: $nextToken\n  ) {\n    items {\n      ...ClipFields\n    }\n    nextToken\n    changesCursor\n  }\n}\n\nquery ClipChanges($competition: ID!, $since: String!, $limit: Int) {\n  clipChanges(competition: $competition, since: $since, limit: $limit) {\n    items {\n      ...ClipFields\n    }\n    cursor\n    hasMore\n  }\n}\n\nmutation UpdateClip($input: UpdateClipInput!) {\n  updateClip(input: $input) {\n    ...ClipFields\n  }\n}\n\nmutation DeleteClip($competition: ID!, $clipId: ID!) {\n  deleteClip(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipReady($competition: ID!) {\n  onClipReady(competition: $competition) {\n    ...ClipFields\n  }\n}\n\nsubscription OnClipUpdated($competition: ID!, $clipId: ID) {\n  onClipUpdated(competition: $competition, clipId: $clipId) {\n    ...ClipFields\n  }\n}\n\nmutation PublishClipUpdate($input: PublishClipUpdateInput!) {\n  publishClipUpdate(input: $input) {\n    ...ClipFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;