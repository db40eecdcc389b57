/**
 * Local MediaPackage (v1): a live HLS origin with a startover window, and harvest jobs over the
 * service's REST API, so `@aws-sdk/client-mediapackage` works with `endpoint` set to `url`.
 *
 *   const mp = await startMediaPackage({ dataDir, objectStore, eventBus, startoverWindowSeconds: 3600,
 *     channels: [{ id: 'live', originEndpointId: 'live-hls' }] });
 *   const encoder = await startEncoder({ ingestUrl: mp.channels[0].ingestUrl });
 *   mp.channels[0].playbackUrl              // live multivariant playlist
 *   `${playbackUrl}?start=<iso|epoch>&end=<iso|epoch>`  // time-shifted (VOD once the range has passed)
 *   new MediaPackageClient({ endpoint: mp.url, region, credentials }).send(new CreateHarvestJobCommand(...))
 *
 * Operations: CreateHarvestJob, DescribeHarvestJob, ListHarvestJobs, DescribeOriginEndpoint,
 * ListOriginEndpoints. A finished job writes `<ManifestKey>` (multivariant), `<base>_<n>.m3u8`
 * (VOD media playlists) and `<base>_<n>_<i>.ts` (hard links to archived segments) beside it, then
 * emits "MediaPackage HarvestJob Notification" on the event bus.
 */
export { startMediaPackage } from './server.ts';
export type { ChannelConfig, MediaPackage, MediaPackageChannel, MediaPackageOptions } from './server.ts';
export { ChannelArchive, RenditionArchive } from './archive.ts';
export type { ArchivedSegment, VariantInfo } from './archive.ts';
export { MediaPackageApiError } from './api/errors.ts';
export type { ApiErrorType } from './api/errors.ts';
export { InvalidTimeError, isoSeconds, parseTime } from './timeline.ts';
// The origin's parts, for the MediaPackage v2 emulator (local/mediapackage-v2/), which packages the
// same ingest, archive, egress and harvests behind v2's API.
export { ChannelIngest, receiveIngest } from './ingest/index.ts';
export { serveEgress } from './egress.ts';
export type { EgressOptions } from './egress.ts';
export { HarvestFailure, harvestRange } from './harvest/runner.ts';
export type { HarvestRange, RangeContext } from './harvest/runner.ts';
export { listen, originServer, withOriginDefaults } from './origin.ts';
export type { OriginOptions, OriginServer } from './origin.ts';
