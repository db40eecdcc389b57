// Where the page finds its API: the home serves its outputs file (contracts/outputs.ts) at
// /config.json, the same shape the AWS home writes, so the page works against either home.
import type { ClipsOutputs } from '../contracts/outputs.ts';

export type PageConfig = ClipsOutputs;

export async function loadConfig(): Promise<PageConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`the home answered ${response.status} for /config.json`);
  return (await response.json()) as PageConfig;
}
