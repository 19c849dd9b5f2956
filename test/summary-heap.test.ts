// Memory boundedness of the streaming summary, not timed: the heap a series builder retains for a
// fixed set of 20 series (10 hosts × CPU and memory) must not grow with the number of samples.
// 10^6 and 10^7 samples are fed in child processes (so the runner's heap does not count); the
// retained heap may differ by at most 4 MiB. Kept exactly, 9·10^6 more samples would take over
// 140 MiB (16 bytes each), so the bound cannot pass by accident. Both sizes are over the exact limit
// (5·10^4 and 5·10^5 samples a series); only the presence bitmap (one bit per interval of the
// window: 1.1 MiB more for the 10× longer window) grows.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const GROWTH_BOUND_BYTES = 4 * 1024 * 1024;
const repoRoot = path.resolve(import.meta.dirname, '..');

function retained(samples: number): { retainedBytes: number; samples: number; summarised: number } {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(repoRoot, 'test', 'summary-heap-child.ts'), String(samples)],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return JSON.parse(out);
}

describe('streaming summary memory', () => {
  it('retains the same heap (within 4 MiB) for 10^6 and 10^7 samples over 20 series', {
    timeout: 120_000,
  }, () => {
    const small = retained(1e6);
    const large = retained(1e7);
    expect(small.samples).toBe(1e6);
    expect(large.samples).toBe(1e7);
    expect(small.summarised).toBe(20);
    expect(large.summarised).toBe(20);
    process.stdout.write(`retained heap: 10^6 ${small.retainedBytes} B, 10^7 ${large.retainedBytes} B\n`);
    expect(large.retainedBytes - small.retainedBytes).toBeLessThan(GROWTH_BOUND_BYTES);
  });
});
