export { ChannelIngest, IngestError } from './channelIngest.ts';
export { receiveIngest } from './http.ts';
export { parseMediaPlaylist, parseMultivariant } from './playlists.ts';
export type { IngestPlaylistSegment } from './playlists.ts';
