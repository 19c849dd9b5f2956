// Progress bars while reading: drawn on stderr on a terminal for long reads; nothing when stderr is
// not a terminal, nothing with --quiet, and never on stdout.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_MIN_BYTES } from '../../src/cli/progress.js';
import { runCli, scratchWithFixtures } from '../helpers/cli.js';

let scratch: Awaited<ReturnType<typeof scratchWithFixtures>>;
beforeAll(async () => {
  scratch = await scratchWithFixtures();
  // Extra lines of a measurement bench-report does not use make the server input a "long read".
  const run = path.join(scratch.dir, 'fixtures', 'runs', 'single-node-20');
  const start = Date.parse('2025-06-19T14:00:00Z');
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < PROGRESS_MIN_BYTES * 1.5; i++) {
    const l = `net,host=luanti-server,interface=eth${i % 4} bytes_recv=${i}i,bytes_sent=${i * 2}i,padding="${'x'.repeat(40)}" ${(start + (i % 600) * 1000) * 1e6}`;
    lines.push(l);
    bytes += l.length + 1;
  }
  await appendFile(path.join(run, 'metrics', 'luanti-server.lp'), `\n${lines.join('\n')}\n`);
});
afterAll(() => scratch.cleanup());

const argv = (out: string) => ['build', 'single-node-20', '--runs', 'fixtures/runs', '--out', out];

describe('progress bar', () => {
  it('is drawn on stderr when stderr is a terminal and the read is long', async () => {
    const r = await runCli(argv('out-tty'), scratch.dir, { isTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reading .*\d+% \| [\d.]+\/[\d.]+ MB/);
    expect(r.stdout).not.toMatch(/reading|MB/);
  });
  it('is not drawn when stderr is not a terminal', async () => {
    const r = await runCli(argv('out-pipe'), scratch.dir, { isTTY: false });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/MB|\x1b/);
  });
  it('is not drawn with --quiet, even on a terminal', async () => {
    const r = await runCli([...argv('out-quiet'), '--quiet'], scratch.dir, { isTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });
  it('is not drawn for short reads', async () => {
    const r = await runCli(
      ['build', 'distributed-20-partial', '--runs', 'fixtures/runs', '--out', 'o'],
      scratch.dir,
      {
        isTTY: true,
        env: { NO_COLOR: '1' },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/MB|\x1b/);
  });
});
