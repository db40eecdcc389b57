import * as HLS from 'hls-parser';
import type { types } from 'hls-parser';
import { MediaPackageClient } from '@aws-sdk/client-mediapackage';

export function mediaPackageClient(endpoint: string, options: { maxAttempts?: number } = {}): MediaPackageClient {
  return new MediaPackageClient({
    ...options,
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export async function fetchText(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

export function parseMedia(text: string): types.MediaPlaylist {
  const playlist = HLS.parse(text);
  if (playlist.isMasterPlaylist) throw new Error('expected a media playlist');
  return playlist as types.MediaPlaylist;
}

export function parseMultivariant(text: string): types.MasterPlaylist {
  const playlist = HLS.parse(text);
  if (!playlist.isMasterPlaylist) throw new Error('expected a multivariant playlist');
  return playlist as types.MasterPlaylist;
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

