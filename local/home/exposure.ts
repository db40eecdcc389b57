// Which addresses the local home may listen on. Its services trust whoever reaches them: the
// DynamoDB server and the object store's S3 API check no signature, and the API key is printed
// at start. Loopback keeps them to this machine; any other address is refused unless the user
// confirms, saying what it exposes.
import { isIP } from 'node:net';

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** Why listening on `host` is refused; undefined when it is allowed. */
export function exposureRefusal(host: string, confirmed: boolean): string | undefined {
  if (isLoopback(host) || confirmed) return undefined;
  return (
    `--host ${host} would let anyone who reaches this machine use the local home: its DynamoDB server and S3 API check no ` +
    'credentials, and the API key it prints makes clips. Keep the default (127.0.0.1), or pass --expose to confirm, ' +
    'for example to try the page from a phone on a network you trust.'
  );
}
