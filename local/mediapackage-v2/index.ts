/**
 * Local MediaPackage v2: channel groups, channels and TS origin endpoints with HLS manifests, the
 * encoder's HLS push to a channel's ingest endpoint, time-shifted playback, and harvest jobs
 * (scheduled ends, a per-channel-group quota with a queue, cancel) over v2's REST API, so
 * `@aws-sdk/client-mediapackagev2` works with `endpoint` set to `url`. Ingest, archive, egress
 * and the harvest's writing are the v1 origin's (local/mediapackage/).
 *
 *   const mp = await startMediaPackageV2({ dataDir, objectStore, eventBus,
 *     channels: [{ channelGroupName: 'live', channelName: 'live', originEndpointName: 'live-hls' }] });
 *   const encoder = await startEncoder({ ingestUrl: mp.channels[0].ingestUrl });
 *   mp.channels[0].playbackUrl                              // live multivariant playlist
 *   `${playbackUrl}?start=<iso|epoch>&end=<iso|epoch>`      // time-shifted (also aws.manifestsettings=start:…;end:…)
 *   new MediaPackageV2Client({ endpoint: mp.url, region, credentials }).send(new CreateHarvestJobCommand(...))
 *
 * A harvest writes `<DestinationPath>/<ManifestName>.m3u8` (multivariant), `<ManifestName>_<n>.m3u8`
 * (VOD media playlists) and `<ManifestName>_<n>_<i>.ts` beside it, then emits "MediaPackageV2
 * HarvestJob Notification". Jobs (harvest-jobs/) and the archive outlive a restart, and jobs in
 * progress resume; resources made through the API live in memory (the presets are made again).
 */
export { startMediaPackageV2 } from './server.ts';
export type { MediaPackageV2, MediaPackageV2Channel, MediaPackageV2Options } from './server.ts';
export type { ChannelPreset } from './presets.ts';
export type { HarvestFault } from './harvest/runner.ts';
export type { HarvestJob, HarvestJobStatus } from './harvest/jobs.ts';
export { MediaPackageV2ApiError } from './api/errors.ts';
export type { ApiErrorType } from './api/errors.ts';
