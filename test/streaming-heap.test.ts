// The streaming claim: building a report from a 10^6-line line-protocol run (about 220 MB on
// disk) keeps the JS heap far below the input's size, because lines are parsed as they stream
// and only compact per-series arrays are kept. Measured in a child process so the test runner's
// own heap does not count. Not timed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRun } from '../bench/generate.js';

const HEAP_BOUND_BYTES = 96 * 1024 * 1024;
const repoRoot = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-report-heap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('streaming ingest', () => {
  it('builds a 10^6-line run with the heap under 96 MiB', { timeout: 180_000 }, async () => {
    const run = await generateRun(tmp, 'lp', 1e6);
    const metrics = path.join(run.dir, 'metrics');
    const bytes = readdirSync(metrics).reduce((a, f) => a + statSync(path.join(metrics, f)).size, 0);
    expect(bytes).toBeGreaterThan(2 * HEAP_BOUND_BYTES); // holding the input would break the bound
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--max-old-space-size=512', path.join(repoRoot, 'test', 'heap-child.ts'), run.dir],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    const result = JSON.parse(out) as { peakHeapBytes: number; records: number; htmlBytes: number };
    expect(result.records).toBe(run.shape.lines);
    expect(result.peakHeapBytes).toBeLessThan(HEAP_BOUND_BYTES);
    expect(result.htmlBytes).toBeLessThan(2e6);
  });
});
