// Waits until a live origin's media playlist holds more than `seconds` of content, so a clip of
// that length ending now lies wholly in what the encoder has streamed.
export async function liveContent(playbackUrl: string, seconds: number): Promise<void> {
  for (;;) {
    const multivariant = await fetch(playbackUrl).then((response) => (response.ok ? response.text() : ''));
    const media = multivariant.split('\n').find((line) => line !== '' && !line.startsWith('#'));
    if (media) {
      const playlist = await (await fetch(new URL(media, playbackUrl))).text();
      const total = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      if (total > seconds) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
