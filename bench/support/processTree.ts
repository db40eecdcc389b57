// Resident memory of a process and every process under it (the home and its encoder), from /proc.
import { readFile } from 'node:fs/promises';

async function childrenOf(pid: number): Promise<number[]> {
  try {
    const tasks = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return tasks.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function rssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** RSS of `pid` and its descendants, in bytes. */
async function treeRssBytes(pid: number): Promise<number> {
  const children = await childrenOf(pid);
  const sizes = await Promise.all([rssBytes(pid), ...children.map(treeRssBytes)]);
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Samples the tree's RSS every `everyMs` until stopped; answers the peak seen. */
export function sampleTreeRss(pid: number, everyMs = 25): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await treeRssBytes(pid));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
