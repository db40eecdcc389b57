// The page's build: the page's own code in main.js, and hls.js's light build in a chunk of its
// own that main.js loads only when a video plays.
import { expect, it } from 'vitest';
import { describeBundle, pageBundle } from '../../web/bundle.ts';

it('keeps hls.js (its light build) out of the page\'s entry, in a chunk loaded on demand', async () => {
  const bundle = await pageBundle();
  const scripts = [...bundle.files.keys()].filter((file) => file.endsWith('.js'));
  const hls = scripts.filter((file) => /^web\/chunks\/hls\.light-\w+\.js$/.test(file));
  expect(hls).toHaveLength(1);
  expect(scripts.some((file) => /\/hls-\w+\.js$/.test(file))).toBe(false);

  const text = (file: string) => new TextDecoder().decode(bundle.files.get(file));
  expect(text('web/main.js')).toContain(`import("./${hls[0]!.slice('web/'.length)}")`);
  // hls.js's transport-stream demuxer, by the MIME type it declares: in the chunk, not the entry.
  expect(text(hls[0]!)).toContain('video/mp2t');
  expect(text('web/main.js')).not.toContain('video/mp2t');
  expect(describeBundle(bundle)).toMatch(/^main\.js [\d.]+ kB \([\d.]+ kB gzip\), hls\.light-\w+\.js [\d.]+ kB/);
});
