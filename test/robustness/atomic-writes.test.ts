// Writes never leave a half report: a build killed (SIGINT or SIGKILL) at any moment leaves every
// output file either the previous one or the new one, whole; inputs are never modified; and the
// default output folder is never inside the run's own folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, EXPECTED, lpSamples, writeRun } from './run-kit.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUTS = ['report.md', 'report.html', 'summary.json'];
const lp = (lines: string[]) => `${lines.join('\n')}\n`;

/** Path → sha256 and mtime of every file under `dir`. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const f = path.join(e.parentPath, e.name);
    out[path.relative(dir, f)] =
      `${createHash('sha256').update(readFileSync(f)).digest('hex')} ${statSync(f).mtimeMs}`;
  }
  return out;
}

const readOutputs = (out: string) =>
  Object.fromEntries(
    OUTPUTS.map((f) => [f, existsSync(path.join(out, f)) ? readFileSync(path.join(out, f), 'utf8') : null]),
  );

function spawnBuild(dir: string, out: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/cli/bin.ts'), 'build', dir, '--out', out, '-q'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

describe('interrupted builds', () => {
  it('SIGINT or SIGKILL at any moment leaves each output whole: the previous report or the new one', async () => {
    // Previous report: 30 samples. New inputs: 60 samples plus a 256 MiB hole that keeps the build busy.
    const run = writeRun({ 'm.lp': lp(lpSamples('a', { count: 30 })) });
    expect((await buildCli(run)).code).toBe(0);
    const before = readOutputs(run.out);
    expect(before['summary.json']).toContain('"samples": 30');
    writeFileSync(path.join(run.dir, 'm.lp'), lp(lpSamples('a')));
    truncateSync(path.join(run.dir, 'm.lp'), 256 * 1024 ** 2);
    const inputs = snapshot(run.dir);

    const outcomes: string[] = [];
    for (const [signal, delay] of [
      ['SIGINT', 400],
      ['SIGKILL', 400],
      ['SIGINT', 1500],
      ['SIGKILL', 2500],
      ['SIGKILL', 3500],
    ] as const) {
      const child = spawnBuild(run.dir, run.out);
      let stderr = '';
      child.stderr!.on('data', (d) => {
        stderr += d;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const timer = setTimeout(() => child.kill(signal), delay);
      const code = await exited;
      clearTimeout(timer);
      expect(stderr).not.toMatch(/\n\s+at /);
      const now = readOutputs(run.out);
      for (const f of OUTPUTS) {
        const isOld = now[f] === before[f];
        const isNew = code === 0 || (now[f] !== null && now[f] !== before[f]);
        expect(isOld || isNew, `${f} after ${signal} at ${delay} ms`).toBe(true);
        if (!isOld && f === 'summary.json') expect(JSON.parse(now[f]!).nodes[0].cpu.samples).toBe(EXPECTED);
        if (!isOld && f === 'report.html') expect(now[f]!.trimEnd().endsWith('</html>')).toBe(true);
        if (!isOld && f === 'report.md')
          expect(now[f]).toMatch(/## Data quality[\s\S]*(No warnings\.|Warnings:)/);
      }
      outcomes.push(`${signal}@${delay}: ${code === 0 ? 'finished' : 'killed'}`);
      // Restore the previous report when a run finished, so later kills are tested against it.
      if (code === 0) for (const f of OUTPUTS) writeFileSync(path.join(run.out, f), before[f]!);
    }
    console.info(`interrupts: ${outcomes.join('; ')}`);
    expect(outcomes.some((o) => o.endsWith('killed'))).toBe(true);
    expect(snapshot(run.dir)).toEqual(inputs);
  }, 120_000);

  it('a failure while writing (one output cannot be written) leaves all previous outputs and no temporary file', async () => {
    const run = writeRun({ 'm.lp': lp(lpSamples('a', { count: 30 })) });
    expect((await buildCli(run)).code).toBe(0);
    const before = readOutputs(run.out);
    writeFileSync(path.join(run.dir, 'm.lp'), lp(lpSamples('a')));
    // The last temporary file's name is taken by a directory, so writing it fails after the first two.
    mkdirSync(path.join(run.out, `.summary.json.${process.pid}.tmp`));
    const r = await buildCli(run);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bench-report: \S+summary\.json: cannot write output: .*directory.*\n$/);
    expect(readOutputs(run.out)).toEqual(before);
    expect(readdirSync(run.out).filter((f) => f.endsWith('.tmp') && !f.startsWith('.summary'))).toEqual([]);
  });
});

describe('inputs and output location', () => {
  it('a build never modifies its inputs (content and mtime), whether it succeeds or rejects lines', async () => {
    const run = writeRun({
      'm.lp': `${lp(lpSamples('a'))}garbage line\n`,
      'sub/n.lp': lp(lpSamples('a').slice(0, 4)),
    });
    const before = snapshot(run.dir);
    const r = await buildCli(run);
    expect(r.code).toBe(0);
    expect(r.summary.inputs[0].rejected).toBe(1);
    expect(snapshot(run.dir)).toEqual(before);
  });

  it('by default the report goes to reports/<id> under the working directory, not into the run folder', async () => {
    const run = writeRun({ 'm.lp': lp(lpSamples('a')) });
    const before = snapshot(run.dir);
    const { run: cli } = await import('../../src/cli/program.js');
    const cwd = path.dirname(run.dir);
    const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd, isTTY: false };
    expect(await cli(['build', run.dir, '-q'], io)).toBe(0);
    expect(existsSync(path.join(cwd, 'reports', 'worst', 'report.md'))).toBe(true);
    expect(snapshot(run.dir)).toEqual(before);
  });

  it('when the default output folder would fall inside the run folder, the build refuses with one clear error', async () => {
    const run = writeRun({ 'm.lp': lp(lpSamples('a')) });
    const before = snapshot(run.dir);
    const { run: cli } = await import('../../src/cli/program.js');
    let stderr = '';
    const io = {
      stdout: () => {},
      stderr: (t: string) => (stderr += t),
      env: {},
      cwd: run.dir,
      isTTY: false,
    };
    expect(await cli(['build', '.', '-q'], io)).toBe(1);
    expect(stderr).toBe(
      'bench-report: the default output folder reports/worst is inside the run directory; pass --out DIR\n',
    );
    expect(snapshot(run.dir)).toEqual(before);
    // An explicit --out is the user's choice and is honoured.
    expect(await cli(['build', '.', '-q', '--out', 'here'], io)).toBe(0);
    expect(existsSync(path.join(run.dir, 'here', 'summary.json'))).toBe(true);
  });
});
