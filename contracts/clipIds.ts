// What a competition id may be, for the resolvers that validate it and the handlers that read it
// back out of harvest-job and asset ids. It becomes a key prefix, an S3 key segment and part of a
// harvest-job id, whose pattern MediaPackage restricts to letters, digits, "_" and "-". A regex
// source without anchors: APPSYNC_JS's util.matches matches the whole string, a RegExp anchors it.
export const COMPETITION_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9_-]{0,127}';

// A clip id: its start time in a fixed-width UTC form, "-", and the last 16 characters of a ULID
// (resolvers/lib/clipKeys.ts makes them). No "_": the last "_" of a resource id separates the
// competition from the clip id.
export const CLIP_ID_PATTERN = '\\d{8}T\\d{9}Z-[0-9A-Z]{16}';
