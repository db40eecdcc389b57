// Plays an HLS URL in a <video>: with hls.js (loaded as its own chunk, only when needed) where
// Media Source Extensions exist, natively where the browser plays HLS itself (Safari, iOS).
// Reports the program-date-time of what is on screen, for the clock and for mark-in/mark-out.
export interface Playback {
  /** The wall-clock time of the frame on screen, from the stream's EXT-X-PROGRAM-DATE-TIME. */
  programDateTime(): Date | undefined;
  destroy(): void;
}

export async function play(video: HTMLVideoElement, url: string, onError: (message: string) => void): Promise<Playback> {
  const { default: Hls } = await import('hls.js');
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
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) onError(`The stream does not play (${data.details}): is the encoder running?`);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
  return {
    programDateTime: () => (anchor ? new Date(anchor.programDateTime + (video.currentTime - anchor.start) * 1000) : undefined),
    destroy: () => hls.destroy(),
  };
}
