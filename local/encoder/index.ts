/**
 * Live encoder for the local home (MediaLive's part): a real ffmpeg encoding live ABR HLS
 * (default 640x360 and 426x240, H.264 + AAC, 2 s segments) of a test pattern with a running clock
 * and a tone, or of a file looped forever, and PUTting it to a local MediaPackage ingest URL.
 *
 *   const encoder = await startEncoder({ ingestUrl: mediaPackage.channels[0].ingestUrl, log });
 *   encoder.pid(); encoder.restarts(); await encoder.stop();
 */
export { startEncoder } from './encoder.ts';
export type { Encoder, EncoderOptions } from './encoder.ts';
export { DEFAULT_RENDITIONS } from './args.ts';
export type { Rendition } from './args.ts';
