// npm start binds loopback; another address is refused, saying what it would expose, unless the
// user confirms with --expose.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exposureRefusal } from '../../../local/home/exposure.ts';

describe('exposureRefusal', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1'])('allows loopback %s', (host) => {
    expect(exposureRefusal(host, false)).toBeUndefined();
  });

  it.each(['0.0.0.0', '192.168.1.10', '::', 'myhost.local'])('refuses %s, saying what it exposes and how to confirm', (host) => {
    expect(exposureRefusal(host, false)).toMatch(new RegExp(`^--host ${host.replace(/\./g, '\\.')} would let anyone .*DynamoDB server and S3 API check no credentials.*--expose`));
    expect(exposureRefusal(host, true)).toBeUndefined();
  });
});

it('npm start exits with the refusal before starting anything', () => {
  const start = fileURLToPath(new URL('../../../local/start.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', start, '--host', '0.0.0.0', '--data-dir', '/nonexistent/never-made'], { encoding: 'utf8', timeout: 60_000 });

  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--host 0.0.0.0 would let anyone who reaches this machine use the local home');
  expect(run.stdout).not.toContain('the local home is up');
}, 60_000);
