// Where bench-report's own folders (report-templates/, queries/) are: the nearest folder above
// this module holding bench-report's package.json. The same answer from src/ (tsx, vitest), from
// dist/ and from the bundled CLI in dist/cli-bundle/, whatever their depth.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder of bench-report's package.json (found once, then remembered). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    let name: unknown;
    try {
      name = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
    } catch {
      // no package.json here: look further up
    }
    if (name === 'bench-report') {
      root = dir;
      return dir;
    }
    if (path.dirname(dir) === dir)
      throw new Error(`bench-report: no package.json of bench-report above ${start}`);
  }
}
