// The golden cases: each fixture run built as `bench-report build` would, one of them against its
// baseline (a comparison report). Shared by the golden test and scripts/update-golden.ts.
import path from 'node:path';
import { build } from '../src/pipeline.js';

export interface GoldenCase {
  name: string;
  run: string;
  baseline?: string;
}

export const goldenCases: GoldenCase[] = [
  { name: 'single-node-20', run: 'single-node-20' },
  { name: 'distributed-20', run: 'distributed-20' },
  // Its manifest names single-node-20 as baseline: the comparison report.
  { name: 'distributed-20-partial', run: 'distributed-20-partial' },
];

/** Every file `build` would write for the case, by name. Paths in reports are relative to `root`. */
export async function goldenFiles(c: GoldenCase, root: string): Promise<Record<string, string>> {
  const r = await build(c.run, {
    runsDir: path.join(root, 'fixtures', 'runs'),
    cwd: root,
    ...(c.baseline ? { baseline: c.baseline } : {}),
  });
  const files: Record<string, string> = {
    'report.md': r.markdown,
    'report.html': r.html,
    'summary.json': r.json,
    'report.pr.md': r.pr,
  };
  for (const chart of r.charts) files[chart.file] = chart.specJson;
  return files;
}
