// The config file changes what `build` and `ls` do: runs folder, output folder, thresholds, gates.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchWithFixtures } from '../helpers/cli.js';

let scratch: Awaited<ReturnType<typeof scratchWithFixtures>>;
beforeAll(async () => {
  scratch = await scratchWithFixtures();
});
afterAll(() => scratch.cleanup());

describe('bench-report.config.yaml', () => {
  it('supplies the runs folder, output folder and thresholds to build; flags still win', async () => {
    await writeFile(
      path.join(scratch.dir, 'bench-report.config.yaml'),
      'runs: fixtures/runs\nout: built\nthresholds:\n  coverage: 0.5\n',
    );
    const r = await runCli(['build', 'distributed-20-partial'], scratch.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(path.join('built', 'distributed-20-partial', 'report.md'));
    const s = JSON.parse(
      await readFile(path.join(scratch.dir, 'built', 'distributed-20-partial', 'summary.json'), 'utf8'),
    );
    expect(s.thresholds.coverage).toBe(0.5);
    const flag = await runCli(['build', 'distributed-20-partial', '--out', 'elsewhere'], scratch.dir);
    expect(flag.stdout).toContain(path.join('elsewhere', 'report.md'));
  });

  it('supplies --fail-on gates, which trip like the flag', async () => {
    await writeFile(path.join(scratch.dir, 'gates.yaml'), 'runs: fixtures/runs\nfailOn: [missing]\n');
    const r = await runCli(['build', 'distributed-20-partial', '--config', 'gates.yaml', '-q'], scratch.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gate tripped: missing: bots-b not measured');
  });

  it('stops with exit 1 and the file and line when it holds a secret', async () => {
    await writeFile(path.join(scratch.dir, 'bad.yaml'), 'runs: fixtures/runs\ntoken: abc\n');
    const r = await runCli(['ls', '--config', 'bad.yaml'], scratch.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:2: key "token": credentials do not belong/);
  });
});
