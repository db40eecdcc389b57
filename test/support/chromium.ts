// Headless Chromium for the browser tests: Debian's `chromium` package, driven by playwright-core
// (Playwright's own browser download is not used: it cannot be fetched everywhere). Installed
// here when it is missing and this runs as root on a Debian-like machine with apt-get; otherwise
// the error says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
}

export function findChromium(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new ChromiumMissingError(`CHROMIUM_PATH is ${given}, which does not exist`);
    return given;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    const apt = (args: string[]) =>
      spawnSync('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8', timeout: 10 * 60_000 });
    // A fresh machine may have no package lists yet.
    let install = apt(['install', '-y', '--no-install-recommends', 'chromium']);
    if (install.status !== 0) {
      apt(['update']);
      install = apt(['install', '-y', '--no-install-recommends', 'chromium']);
    }
    if (install.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
    throw new ChromiumMissingError(`apt-get install chromium failed (${install.status}): ${install.stderr.slice(-500)}`);
  }
  throw new ChromiumMissingError(
    'The browser test needs Chromium: on Debian or Ubuntu run `sudo apt-get install chromium`, elsewhere install Chromium or Chrome and set CHROMIUM_PATH to it.',
  );
}

/** Flags for headless Chromium in a container or CI: no sandbox or GPU, no background traffic, muted autoplay allowed. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];
