// The CLI contract: outputs, exit codes, and errors that name the file and line.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../scripts/golden-cases.js';
import { REPO, cli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'bench-report-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench-report build', () => {
  it('exits 0 and writes all three files even when every node is missing', async () => {
    const out = path.join(tmp, 'd20');
    const r = await cli(['build', 'distributed-20', '--runs', 'fixtures/runs', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/No metrics/);
    for (const f of ['report.md', 'report.html', 'summary.json'])
      expect(existsSync(path.join(out, f))).toBe(true);
  });

  it('defaults the output folder to reports/<run-id> under the working directory', async () => {
    const cwd = path.join(tmp, 'cwd');
    cpSync(path.join(REPO, 'fixtures/runs/single-node-20'), path.join(cwd, 'runs/single-node-20'), {
      recursive: true,
    });
    const r = await cli(['build', 'single-node-20'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toContain(path.join('reports', 'single-node-20', 'report.md'));
    expect(existsSync(path.join(cwd, 'reports/single-node-20/summary.json'))).toBe(true);
  });

  it('writes byte-identical reports with --threads 2 and --threads off, and refuses a bad --threads', async () => {
    const outs = [];
    for (const threads of ['2', 'off']) {
      const out = path.join(tmp, `threads-${threads}`);
      const r = await cli([
        'build',
        'logs-18-of-20',
        '--runs',
        'fixtures/runs',
        '--out',
        out,
        '--threads',
        threads,
        '-q',
      ]);
      expect(r.code, r.stderr).toBe(0);
      outs.push(
        ['report.md', 'report.html', 'summary.json'].map((f) => readFileSync(path.join(out, f), 'utf8')),
      );
    }
    expect(outs[0]).toEqual(outs[1]);
    const bad = await cli(['build', 'logs-18-of-20', '--runs', 'fixtures/runs', '--threads', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--threads takes auto, off or a number/);
  });

  it('exits 2 when a --fail-on gate trips, after writing the report', async () => {
    const out = path.join(tmp, 'gate');
    const r = await cli([
      'build',
      'distributed-20-partial',
      '--runs',
      'fixtures/runs',
      '--out',
      out,
      '--fail-on',
      'missing',
      'rejected',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gate tripped: missing: bots-b not measured/);
    expect(r.stderr).toMatch(/gate tripped: rejected: 3 malformed record/);
    expect(existsSync(path.join(out, 'report.md'))).toBe(true);
    const ok = await cli([
      'build',
      'single-node-20',
      '--runs',
      'fixtures/runs',
      '--out',
      out,
      '--fail-on',
      'missing',
      'partial',
    ]);
    expect(ok.code).toBe(0);
  });

  it('exits 1 on bad usage: unknown gate, unknown option, missing run', async () => {
    expect(
      (await cli(['build', 'single-node-20', '--runs', 'fixtures/runs', '--fail-on', 'slow'])).code,
    ).toBe(1);
    expect((await cli(['build', '--bogus'])).code).toBe(1);
    const missing = await cli(['build', 'no-such-run', '--runs', 'fixtures/runs']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/run "no-such-run" not found/);
  });

  it('exits 1 naming the file when an input cannot be read, and the manifest line when it is invalid', async () => {
    const run = path.join(tmp, 'runs', 'broken');
    cpSync(path.join(REPO, 'fixtures/runs/single-node-20'), run, { recursive: true });
    rmSync(path.join(run, 'metrics/luanti-server.lp'));
    let r = await cli(['build', run, '--out', path.join(tmp, 'broken-out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/luanti-server\.lp: cannot read input: no such file/);
    writeFileSync(
      path.join(run, 'run.yaml'),
      readFileSync(path.join(run, 'run.yaml'), 'utf8').replace('role: bots', 'role: robots'),
    );
    r = await cli(['build', run]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run\.yaml:\d+: key "nodes\.1\.role": expected one of server, bots, other/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the installed command (npx bench-report) reproduces the golden files, twice in a row', () => {
    for (const attempt of [1, 2]) {
      for (const id of ['single-node-20', 'distributed-20', 'distributed-20-partial']) {
        const out = path.join(tmp, `npx-${id}-${attempt}`);
        execFileSync(
          'npx',
          ['bench-report', 'build', id, '--runs', 'fixtures/runs', '--out', out, '--quiet'],
          { cwd: REPO },
        );
        for (const f of ['report.md', 'report.html', 'summary.json']) {
          expect(readFileSync(path.join(out, f), 'utf8')).toBe(
            readFileSync(path.join(GOLDEN_DIR, id, f), 'utf8'),
          );
        }
      }
    }
  });

  it('ends quietly with its own exit code when the reader of its output goes away (closed pipe), and still writes the reports', async () => {
    const closedPipe = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn('node', [path.join(REPO, 'dist/cli-bundle/bench-report.js'), ...args], {
          cwd: REPO,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.destroy(); // like `| head -0`: nothing will read what it prints
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const help = await closedPipe(['build', '--help']);
    expect(help).toEqual({ code: 0, stderr: '' });
    const out = path.join(tmp, 'closed-pipe');
    const built = await closedPipe([
      'build',
      'distributed-20-partial',
      '--runs',
      'fixtures/runs',
      '--out',
      out,
    ]);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/^distributed-20-partial: Incomplete/); // the verdict, on stderr as always
    expect(built.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toBe(
      readFileSync(path.join(GOLDEN_DIR, 'distributed-20-partial', 'report.md'), 'utf8'),
    );
  });

  it('--threads N that cannot start worker threads (Node permission model without --allow-worker) warns and reads without them, same report', () => {
    const out = path.join(tmp, 'no-workers');
    const args = (threads: string) => [
      '--experimental-permission',
      '--allow-fs-read=*',
      '--allow-fs-write=*',
      '--no-warnings',
      path.join(REPO, 'dist/cli-bundle/bench-report.js'),
      'build',
      'distributed-20-partial',
      '--runs',
      'fixtures/runs',
      '--out',
      out,
      '--threads',
      threads,
    ];
    const forced = spawnSync('node', args('2'), { cwd: REPO, encoding: 'utf8' });
    expect(forced.status).toBe(0);
    expect(forced.stderr).toMatch(
      /^warning: --threads 2: worker threads could not start \(.+\); the files were read without them \(same report, slower\)$/m,
    );
    for (const f of ['report.md', 'report.html', 'summary.json'])
      expect(readFileSync(path.join(out, f), 'utf8')).toBe(
        readFileSync(path.join(GOLDEN_DIR, 'distributed-20-partial', f), 'utf8'),
      );
    // auto falls back quietly (and on two small files does not even try).
    const auto = spawnSync('node', args('auto'), { cwd: REPO, encoding: 'utf8' });
    expect(auto.status).toBe(0);
    expect(auto.stderr).not.toMatch(/warning/);
  });

  it('prints a one-line error and no stack trace from the real binary', () => {
    const r = spawnSync(
      'node',
      [path.join(REPO, 'dist/cli/bin.js'), 'build', 'nope', '--runs', 'fixtures/runs'],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
