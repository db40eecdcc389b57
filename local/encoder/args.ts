import { existsSync } from 'node:fs';

export interface Rendition {
  width: number;
  height: number;
  /** Video bitrate in bits per second. */
  videoBitrate: number;
}

export const DEFAULT_RENDITIONS: readonly Rendition[] = [
  { width: 640, height: 360, videoBitrate: 800_000 },
  { width: 426, height: 240, videoBitrate: 400_000 },
];

export interface EncoderArgsOptions {
  /** `testsrc` for the test pattern, else a media file looped forever. */
  source: 'testsrc' | { file: string; hasAudio: boolean };
  /** The build has the drawtext filter (libfreetype): the test pattern gets a wall clock. */
  drawtext: boolean;
  renditions: readonly Rendition[];
  segmentSeconds: number;
  frameRate: number;
  /** Where this run PUTs: `${sessionUrl}/<n>/index.m3u8`, `${sessionUrl}/<n>/seg_<i>.ts`, `${sessionUrl}/master.m3u8`. */
  sessionUrl: string;
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
];

export function findFont(): string | undefined {
  return FONT_CANDIDATES.find((font) => existsSync(font));
}

/** Arguments for one ffmpeg run: live ABR HLS, H.264 + AAC, fixed GOP = one segment, PUT over HTTP. */
export function encoderArgs({ source, drawtext, renditions, segmentSeconds, frameRate, sessionUrl }: EncoderArgsOptions): string[] {
  const input: string[] = [];
  let audioInput: string;
  let picture: string;
  if (source === 'testsrc') {
    const font = drawtext ? findFont() : undefined;
    // With a font and drawtext, a wall clock drawn over testsrc2; else testsrc's own frame counter.
    const pattern = font ? 'testsrc2' : 'testsrc';
    const top = renditions.reduce((a, b) => (b.height > a.height ? b : a));
    input.push('-re', '-f', 'lavfi', '-i', `${pattern}=size=${top.width}x${top.height}:rate=${frameRate}`);
    input.push('-re', '-f', 'lavfi', '-i', 'sine=frequency=440:beep_factor=4:sample_rate=48000');
    audioInput = '1:a';
    picture = font
      ? `[0:v]drawtext=fontfile=${font}:text='%{localtime\\:%X}':fontsize=${Math.round(top.height / 8)}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=(w-tw)/2:y=h-th-${Math.round(top.height / 10)}`
      : '[0:v]null';
  } else {
    input.push('-stream_loop', '-1', '-re', '-i', source.file);
    if (!source.hasAudio) input.push('-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000');
    audioInput = source.hasAudio ? '0:a:0' : '1:a';
    picture = `[0:v:0]fps=${frameRate}`;
  }

  const labels = renditions.map((_, i) => `[v${i}]`);
  const scaled = renditions.map((r, i) => `[s${i}]scale=${r.width}:${r.height},setsar=1[v${i}]`);
  const filter = `${picture},split=${renditions.length}${renditions.map((_, i) => `[s${i}]`).join('')};${scaled.join(';')}`;

  const gop = Math.round(segmentSeconds * frameRate);
  const output: string[] = ['-filter_complex', filter];
  renditions.forEach((_, i) => output.push('-map', labels[i] ?? ''));
  renditions.forEach(() => output.push('-map', audioInput));
  output.push(
    '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    // One keyframe per segment, never elsewhere: every segment starts independently decodable.
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`,
  );
  renditions.forEach((r, i) => {
    output.push(`-b:v:${i}`, String(r.videoBitrate), `-maxrate:v:${i}`, String(r.videoBitrate), `-bufsize:v:${i}`, String(r.videoBitrate * 2));
  });
  output.push('-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '2');
  output.push(
    '-f', 'hls',
    '-hls_time', String(segmentSeconds),
    '-hls_list_size', '6',
    '-hls_flags', 'program_date_time+independent_segments',
    '-var_stream_map', renditions.map((_, i) => `v:${i},a:${i}`).join(' '),
    '-master_pl_name', 'master.m3u8',
    '-method', 'PUT',
    '-hls_segment_filename', `${sessionUrl}/%v/seg_%d.ts`,
    `${sessionUrl}/%v/index.m3u8`,
  );
  return ['-hide_banner', '-loglevel', 'warning', '-nostdin', ...input, ...output];
}
