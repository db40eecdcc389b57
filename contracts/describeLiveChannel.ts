// What createClip's step 2 sends the describeLiveChannel Lambda data source and what it answers:
// which MediaPackage version a competition's channel is on, which decides whether a clip may end
// in the future. Both sides import these types, so the resolver bundle and the handler cannot drift.

export interface DescribeLiveChannelRequest {
  competition: string;
}

export interface DescribeLiveChannelResult {
  competition: string;
  version: 'v1' | 'v2';
}
