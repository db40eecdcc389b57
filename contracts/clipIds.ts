// What a competition id may be, for the resolvers that validate it and the handlers that read it
// back out of harvest-job and asset ids. It becomes a key prefix, an S3 key segment and part of a
// harvest-job id, whose pattern MediaPackage restricts to letters, digits, "_" and "-". A regex
// source without anchors: APPSYNC_JS's util.matches matches the whole string, a RegExp anchors it.
export const COMPETITION_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9_-]{0,127}';
