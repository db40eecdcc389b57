// APPSYNC_JS has no `util.isNull` (that is VTL's): these are the checks resolvers share.

export function isMissing<T>(value: T | null | undefined): value is null | undefined {
  return value === null || value === undefined;
}

export function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return isMissing(value) || value.trim() === '';
}
