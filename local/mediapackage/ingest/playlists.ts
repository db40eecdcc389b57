import type { VariantInfo } from '../archive.ts';

/** One segment as the encoder's media playlist lists it. */
export interface IngestPlaylistSegment {
  msn: number;
  durationMs: number;
  uri: string;
}

export function parseMediaPlaylist(text: string): IngestPlaylistSegment[] {
  let msn = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  const segments: IngestPlaylistSegment[] = [];
  let durationMs: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      durationMs = Math.round(Number.parseFloat(line.slice('#EXTINF:'.length)) * 1000);
    } else if (line && !line.startsWith('#') && durationMs !== undefined) {
      segments.push({ msn, durationMs, uri: line });
      msn += 1;
      durationMs = undefined;
    }
  }
  return segments;
}

export function parseMultivariant(text: string): VariantInfo[] {
  const variants: VariantInfo[] = [];
  let attributes: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      attributes = line.slice('#EXT-X-STREAM-INF:'.length);
    } else if (line && !line.startsWith('#') && attributes !== undefined) {
      const rendition = line.split('/')[0] ?? line;
      variants.push({
        rendition,
        bandwidth: Number(/(?:^|,)BANDWIDTH=(\d+)/.exec(attributes)?.[1] ?? 0),
        resolution: /RESOLUTION=(\d+x\d+)/.exec(attributes)?.[1],
        codecs: /CODECS="([^"]+)"/.exec(attributes)?.[1],
      });
      attributes = undefined;
    }
  }
  return variants;
}
