// What an origin endpoint serves under `/out/v1/<channelGroup>/<channel>/<originEndpoint>/`:
// the v1 origin's egress (local/mediapackage/egress.ts) per HLS manifest, named after it.
// Time-shifted viewing takes `start`/`end` ("TS and CMAF parameter rules": `?start=…&end=…`) or
// `aws.manifestsettings=start:…;end:…` (v2 user guide, "Time-shifted query parameters").
import type { ServerResponse } from 'node:http';
import { InvalidTimeError, parseTime, serveEgress } from '../mediapackage/index.ts';
import type { Channel, OriginEndpoint } from './resources.ts';

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** `aws.manifestsettings=start:X;end:Y` as the plain `start`/`end` the egress reads. */
function timeShiftQuery(query: URLSearchParams): URLSearchParams {
  const settings = query.get('aws.manifestsettings');
  if (settings === null) return query;
  const plain = new URLSearchParams(query);
  plain.delete('aws.manifestsettings');
  for (const pair of settings.split(';')) {
    const separator = pair.indexOf(':');
    const name = pair.slice(0, separator).trim().toLowerCase();
    // "Queries are not case sensitive"; other settings (time_delay, filters) are not emulated.
    if (separator > 0 && (name === 'start' || name === 'end')) plain.set(name, pair.slice(separator + 1));
  }
  return plain;
}

/**
 * "If the start parameter is outside of the startover window, or if the end parameter is before
 * the startover window, the playback request fails" with a 404 (user guide, time-shifted viewing).
 */
function outsideWindow(query: URLSearchParams, endpoint: OriginEndpoint, now: number): boolean {
  const start = query.get('start');
  const end = query.get('end');
  if (start === null && end === null) return false;
  const windowStart = now - (endpoint.startoverWindowSeconds ?? 0) * 1000;
  return (start !== null && parseTime('start', start) < windowStart) || (end !== null && parseTime('end', end) < windowStart);
}

export function serveEndpoint(res: ServerResponse, channel: Channel, endpoint: OriginEndpoint, file: string, query: URLSearchParams): void {
  const manifest = endpoint.hlsManifests.find(({ manifestName }) => file === `${manifestName}.m3u8` || file.startsWith(`${manifestName}_`));
  if (!manifest) return sendText(res, 404, 'not found');
  const shifted = timeShiftQuery(query);
  try {
    if (outsideWindow(shifted, endpoint, Date.now())) return sendText(res, 404, 'outside the startover window');
  } catch (error) {
    if (error instanceof InvalidTimeError) return sendText(res, 400, error.message);
    throw error;
  }
  res.setHeader('Access-Control-Allow-Origin', '*');
  serveEgress(res, channel.archive, file, shifted, { liveWindowSeconds: manifest.manifestWindowSeconds, manifestName: manifest.manifestName });
}
