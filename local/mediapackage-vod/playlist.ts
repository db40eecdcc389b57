// A strict reader for the HLS a harvest writes: a multivariant playlist of STREAM-INF variants,
// or a media playlist of MPEG-TS segments with EXTINF, PROGRAM-DATE-TIME and DISCONTINUITY.
// Strict on purpose: MediaPackage-VOD refuses a source it cannot package rather than guess.
// (hls-parser reports problems on console.error and carries on with NaN durations.)

export class PlaylistSyntaxError extends Error {
  override readonly name = 'PlaylistSyntaxError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface VariantStream {
  uri: string;
  bandwidth: number;
  averageBandwidth?: number;
  codecs?: string;
  resolution?: { width: number; height: number };
  frameRate?: number;
}

export interface MultivariantPlaylist {
  kind: 'multivariant';
  independentSegments: boolean;
  variants: VariantStream[];
  /** EXT-X-MEDIA renditions with their own URI (alternate audio, subtitles). */
  alternateRenditions: Array<{ type: string; uri: string }>;
}

export interface MediaSegmentEntry {
  uri: string;
  duration: number;
  programDateTime?: Date;
  discontinuity: boolean;
}

export interface MediaPlaylist {
  kind: 'media';
  independentSegments: boolean;
  endList: boolean;
  segments: MediaSegmentEntry[];
  /** Tags the packager cannot honour (EXT-X-KEY other than NONE, EXT-X-MAP, EXT-X-BYTERANGE). */
  unsupported: string[];
}

/** `KEY=value,KEY="quoted, value"` -> a map (quotes removed). */
export function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, key = '', value = ''] of text.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) {
    attributes.set(key, value.startsWith('"') ? value.slice(1, -1) : value);
  }
  return attributes;
}

function numberOf(value: string | undefined, line: number, what: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new PlaylistSyntaxError(line, `${what} '${value}' is not a number`);
  return number;
}

function variantOf(text: string, uri: string, line: number): VariantStream {
  const attributes = parseAttributes(text);
  const bandwidth = numberOf(attributes.get('BANDWIDTH'), line, 'BANDWIDTH');
  if (bandwidth === undefined) throw new PlaylistSyntaxError(line, 'EXT-X-STREAM-INF needs BANDWIDTH');
  const variant: VariantStream = { uri, bandwidth };
  const average = numberOf(attributes.get('AVERAGE-BANDWIDTH'), line, 'AVERAGE-BANDWIDTH');
  if (average !== undefined) variant.averageBandwidth = average;
  const codecs = attributes.get('CODECS');
  if (codecs) variant.codecs = codecs;
  const resolution = /^(\d+)x(\d+)$/.exec(attributes.get('RESOLUTION') ?? '');
  if (resolution) variant.resolution = { width: Number(resolution[1]), height: Number(resolution[2]) };
  const frameRate = numberOf(attributes.get('FRAME-RATE'), line, 'FRAME-RATE');
  if (frameRate !== undefined) variant.frameRate = frameRate;
  return variant;
}

export function parsePlaylist(text: string): MultivariantPlaylist | MediaPlaylist {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const first = lines.findIndex((line) => line !== '');
  if (first < 0 || lines[first] !== '#EXTM3U') throw new PlaylistSyntaxError(Math.max(first, 0) + 1, 'a playlist starts with #EXTM3U');
  const isMultivariant = lines.some((line) => line.startsWith('#EXT-X-STREAM-INF:'));
  const independentSegments = lines.includes('#EXT-X-INDEPENDENT-SEGMENTS');

  if (isMultivariant) {
    const playlist: MultivariantPlaylist = { kind: 'multivariant', independentSegments, variants: [], alternateRenditions: [] };
    let pending: { text: string; line: number } | undefined;
    lines.forEach((line, index) => {
      if (line.startsWith('#EXT-X-STREAM-INF:')) pending = { text: line.slice('#EXT-X-STREAM-INF:'.length), line: index + 1 };
      else if (line.startsWith('#EXT-X-MEDIA:')) {
        const attributes = parseAttributes(line.slice('#EXT-X-MEDIA:'.length));
        const uri = attributes.get('URI');
        if (uri) playlist.alternateRenditions.push({ type: attributes.get('TYPE') ?? '', uri });
      } else if (line !== '' && !line.startsWith('#')) {
        if (!pending) throw new PlaylistSyntaxError(index + 1, `URI '${line}' follows no EXT-X-STREAM-INF`);
        playlist.variants.push(variantOf(pending.text, line, pending.line));
        pending = undefined;
      }
    });
    return playlist;
  }

  const playlist: MediaPlaylist = { kind: 'media', independentSegments, endList: false, segments: [], unsupported: [] };
  let duration: number | undefined;
  let programDateTime: Date | undefined;
  let discontinuity = false;
  lines.forEach((line, index) => {
    const at = index + 1;
    if (line.startsWith('#EXTINF:')) {
      const value = line.slice('#EXTINF:'.length).split(',')[0] ?? '';
      duration = numberOf(value, at, 'EXTINF duration');
      if (duration === undefined || duration <= 0) throw new PlaylistSyntaxError(at, `EXTINF duration '${value}' must be positive`);
    } else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) {
      const value = line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length);
      programDateTime = new Date(value);
      if (Number.isNaN(programDateTime.getTime())) throw new PlaylistSyntaxError(at, `EXT-X-PROGRAM-DATE-TIME '${value}' is not a date`);
    } else if (line === '#EXT-X-DISCONTINUITY') discontinuity = true;
    else if (line === '#EXT-X-ENDLIST') playlist.endList = true;
    else if (line.startsWith('#EXT-X-KEY:') && parseAttributes(line.slice('#EXT-X-KEY:'.length)).get('METHOD') !== 'NONE') playlist.unsupported.push('EXT-X-KEY (encryption)');
    else if (line.startsWith('#EXT-X-MAP:')) playlist.unsupported.push('EXT-X-MAP (fragmented MP4)');
    else if (line.startsWith('#EXT-X-BYTERANGE:')) playlist.unsupported.push('EXT-X-BYTERANGE');
    else if (line !== '' && !line.startsWith('#')) {
      if (duration === undefined) throw new PlaylistSyntaxError(at, `segment '${line}' has no EXTINF`);
      playlist.segments.push({ uri: line, duration, programDateTime, discontinuity });
      duration = undefined;
      programDateTime = undefined;
      discontinuity = false;
    }
  });
  return playlist;
}
