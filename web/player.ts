// Plays an HLS URL in a <video>: with hls.js (loaded as its own chunk, only when needed) where
// Media Source Extensions exist, natively where the browser plays HLS itself (Safari, iOS).
// Reports the program-date-time of what is on screen, for the clock and for mark-in/mark-out.
// hls.js's light build is enough: the live origin and the VOD assets are HLS with muxed TS
// (H.264 + AAC) and no alternate audio, subtitles, DRM or variable substitution, which are what
// it leaves out (hls.js README, "light build"); the page plays no DASH. A VOD packaging
// configuration with useAudioRenditionGroup would need the full build (its audio is a rendition).
export interface Playback {
  /** The wall-clock time of the frame on screen, from the stream's EXT-X-PROGRAM-DATE-TIME. */
  programDateTime(): Date | undefined;
  destroy(): void;
}

/** `onProblem` gets what keeps the video from playing, and '' once it plays again. */
export async function play(video: HTMLVideoElement, url: string, onProblem: (message: string) => void): Promise<Playback> {
  const { default: Hls } = await import('hls.js/light');
  if (!Hls.isSupported()) {
    video.src = url;
    void video.play().catch(() => undefined);
    const native = video as HTMLVideoElement & { getStartDate?: () => Date };
    return {
      programDateTime: () => {
        const start = native.getStartDate?.();
        return start && !Number.isNaN(start.getTime()) ? new Date(start.getTime() + video.currentTime * 1000) : undefined;
      },
      destroy: () => video.removeAttribute('src'),
    };
  }
  const hls = new Hls({ liveDurationInfinity: true });
  let anchor: { programDateTime: number; start: number } | undefined;
  hls.on(Hls.Events.FRAG_CHANGED, (_event, { frag }) => {
    if (frag.programDateTime !== null && frag.programDateTime !== undefined) anchor = { programDateTime: frag.programDateTime, start: frag.start };
  });
  let retries = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      hls.recoverMediaError();
      return;
    }
    // A stream that is not there yet (the encoder is starting) or went away: keep trying, say so.
    retries += 1;
    onProblem(`The stream is not playing yet (${data.details}); retrying. Is the encoder running?`);
    retry = setTimeout(() => hls.loadSource(url), Math.min(10_000, 1000 * retries));
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    if (retries > 0) onProblem('');
    retries = 0;
    void video.play().catch(() => undefined);
  });
  return {
    programDateTime: () => (anchor ? new Date(anchor.programDateTime + (video.currentTime - anchor.start) * 1000) : undefined),
    destroy: () => {
      clearTimeout(retry);
      hls.destroy();
    },
  };
}
