// Reads how much media an HLS URL holds: a multivariant playlist's first media playlist, or the
// media playlist itself, summed over its segments' EXTINF.
export interface PlaylistContent {
  seconds: number;
  /** EXT-X-TARGETDURATION: no segment is longer. */
  targetDuration: number;
}

export async function playlistContent(url: string): Promise<PlaylistContent> {
  const text = await fetch(url).then((response) => (response.ok ? response.text() : ''));
  const media = text.includes('#EXT-X-STREAM-INF') ? text.split('\n').find((line) => line !== '' && !line.startsWith('#')) : undefined;
  const playlist = media ? await (await fetch(new URL(media, url))).text() : text;
  return {
    seconds: [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0),
    targetDuration: Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(playlist)?.[1] ?? Number.NaN),
  };
}

/** Waits until a live origin's playlist holds more than `seconds` of content, so a clip of that length ending now lies wholly in what the encoder has streamed. */
export async function liveContent(playbackUrl: string, seconds: number): Promise<void> {
  while ((await playlistContent(playbackUrl).catch(() => ({ seconds: 0 }))).seconds <= seconds) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
