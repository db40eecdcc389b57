import { describe, expect, it } from 'vitest';
import { parseAttributes, parsePlaylist, PlaylistSyntaxError } from '../../../local/mediapackage-vod/playlist.ts';

describe('parsePlaylist: the HLS a harvest writes', () => {
  it('reads a multivariant playlist with quoted attributes', () => {
    const playlist = parsePlaylist(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-STREAM-INF:BANDWIDTH=985600,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,FRAME-RATE=25.000,CODECS="avc1.42c01e,mp4a.40.2"',
        'index_1.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=545600',
        'index_2.m3u8',
      ].join('\n'),
    );
    expect(playlist).toEqual({
      kind: 'multivariant',
      independentSegments: true,
      alternateRenditions: [],
      variants: [
        { uri: 'index_1.m3u8', bandwidth: 985600, averageBandwidth: 800000, resolution: { width: 640, height: 360 }, frameRate: 25, codecs: 'avc1.42c01e,mp4a.40.2' },
        { uri: 'index_2.m3u8', bandwidth: 545600 },
      ],
    });
  });

  it('reads a VOD media playlist: program date times before or after EXTINF, discontinuities, the end', () => {
    const playlist = parsePlaylist(
      [
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXT-X-PROGRAM-DATE-TIME:2026-05-01T12:00:00.000Z',
        '#EXTINF:2.000,',
        'a.ts',
        '#EXTINF:2.002,',
        '#EXT-X-PROGRAM-DATE-TIME:2026-05-01T12:00:02.000+0000',
        'b.ts',
        '#EXT-X-DISCONTINUITY',
        '#EXTINF:1.5,title',
        'c.ts',
        '#EXT-X-ENDLIST',
        '',
      ].join('\r\n'),
    );
    expect(playlist).toEqual({
      kind: 'media',
      independentSegments: false,
      endList: true,
      unsupported: [],
      segments: [
        { uri: 'a.ts', duration: 2, programDateTime: new Date('2026-05-01T12:00:00.000Z'), discontinuity: false },
        { uri: 'b.ts', duration: 2.002, programDateTime: new Date('2026-05-01T12:00:02.000Z'), discontinuity: false },
        { uri: 'c.ts', duration: 1.5, programDateTime: undefined, discontinuity: true },
      ],
    });
  });

  it('notes what the packager cannot honour: encryption, fragmented MP4, byte ranges', () => {
    const playlist = parsePlaylist(
      ['#EXTM3U', '#EXT-X-KEY:METHOD=AES-128,URI="k"', '#EXT-X-MAP:URI="init.mp4"', '#EXT-X-BYTERANGE:100@0', '#EXTINF:2,', 's.mp4'].join('\n'),
    );
    expect(playlist.kind === 'media' && playlist.unsupported).toEqual(['EXT-X-KEY (encryption)', 'EXT-X-MAP (fragmented MP4)', 'EXT-X-BYTERANGE']);
    const alternate = parsePlaylist(['#EXTM3U', '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio.m3u8"', '#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO="a"', 'v.m3u8'].join('\n'));
    expect(alternate.kind === 'multivariant' && alternate.alternateRenditions).toEqual([{ type: 'AUDIO', uri: 'audio.m3u8' }]);
  });

  it.each([
    ['not a playlist', 'garbage\n', 'line 1: a playlist starts with #EXTM3U'],
    ['an empty file', '', 'line 1: a playlist starts with #EXTM3U'],
    ['a duration that is not a number', '#EXTM3U\n#EXTINF:abc,\nx.ts\n', "line 2: EXTINF duration 'abc' is not a number"],
    ['a zero duration', '#EXTM3U\n#EXTINF:0,\nx.ts\n', "line 2: EXTINF duration '0' must be positive"],
    ['a segment without EXTINF', '#EXTM3U\nx.ts\n', "line 2: segment 'x.ts' has no EXTINF"],
    ['a bad program date time', '#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\nx.ts\n', "line 2: EXT-X-PROGRAM-DATE-TIME 'yesterday' is not a date"],
    ['a variant without bandwidth', '#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\nv.m3u8\n', 'line 2: EXT-X-STREAM-INF needs BANDWIDTH'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parsePlaylist(text)).toThrow(PlaylistSyntaxError);
    expect(() => parsePlaylist(text)).toThrow(message);
  });

  it('parses attribute lists with commas inside quotes', () => {
    expect([...parseAttributes('BANDWIDTH=1,CODECS="a,b",NAME="x"')]).toEqual([
      ['BANDWIDTH', '1'],
      ['CODECS', 'a,b'],
      ['NAME', 'x'],
    ]);
  });
});
