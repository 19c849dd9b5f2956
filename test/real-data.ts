// Where the shared real files live (beside the repo) and a helper to skip visibly without them.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const REAL_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'real-data');

/** The absolute path of a real file, or null (with a visible message) when it is absent. */
export function realFile(...parts: string[]): string | null {
  const p = path.join(REAL_DATA, ...parts);
  if (existsSync(p)) return p;
  console.warn(`SKIPPED: real data file ${p} is absent (clone shared/ beside the repo to run this test)`);
  return null;
}
