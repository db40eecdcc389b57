/**
 * The ffmpeg the local home runs, chosen once and checked for what the home needs:
 *
 *   const ffmpeg = await findFfmpeg({ path: flags.ffmpeg }); // or FFMPEG_PATH, else PATH, else npm
 *   console.log(ffmpeg.path, ffmpeg.version, ffmpeg.origin);
 */
export { findFfmpeg } from './select.ts';
export type { FfmpegBinary, FfmpegOrigin, FindFfmpegOptions } from './select.ts';
export { FfmpegNotFoundError, FfmpegUnusableError, OLDEST_SUPPORTED_VERSION, probeFfmpeg } from './probe.ts';
export type { FfmpegCapabilities } from './probe.ts';
