// A self-signed certificate for localhost and 127.0.0.1, made once into a directory and reused, so
// that clients which insist on https/wss (Amplify v6 turns every endpoint into wss://) can connect.
// Node clients trust it through NODE_EXTRA_CA_CERTS=<certPath> or a `ca` option; browsers need an
// exception or the certificate imported.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TlsCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

const CERT_FILE = 'localhost-cert.pem';
const KEY_FILE = 'localhost-key.pem';
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

async function readExisting(certPath: string, keyPath: string, now: Date): Promise<TlsCertificate | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const validTo = new Date(new X509Certificate(cert).validTo).getTime();
    return validTo - now.getTime() > RENEW_BEFORE_MS ? { certPath, keyPath, cert, key } : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function ensureTlsCertificate(dir: string, now: Date = new Date()): Promise<TlsCertificate> {
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  const existing = await readExisting(certPath, keyPath, now);
  if (existing) return existing;

  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 825 * 24 * 60 * 60 * 1000),
    extensions: [
      // Its own trust anchor: NODE_EXTRA_CA_CERTS and `ca` options take it as a root.
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { certPath, keyPath, cert: pems.cert, key: pems.private };
}
