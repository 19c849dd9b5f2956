// `build --github`: PR-sized Markdown appended to $GITHUB_STEP_SUMMARY (which cmark-gfm renders),
// step outputs in $GITHUB_OUTPUT, report-pr.md with the comment marker, and where the HTML is.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchWithFixtures } from '../helpers/cli.js';

let scratch: Awaited<ReturnType<typeof scratchWithFixtures>>;
beforeAll(async () => {
  scratch = await scratchWithFixtures();
});
afterAll(() => scratch.cleanup());

const hasCmark = existsSync('/usr/bin/cmark-gfm');

describe('build --github', () => {
  it('appends the PR-sized Markdown to GITHUB_STEP_SUMMARY and writes step outputs', async () => {
    const env = {
      GITHUB_STEP_SUMMARY: 'gh/summary.md',
      GITHUB_OUTPUT: 'gh/output.txt',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '42',
    };
    const a = await runCli(['build', 'single-node-20', '--runs', 'fixtures/runs', '--github'], scratch.dir, {
      env,
    });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain(
      'full HTML report: `reports/single-node-20/report.html` in the artifacts of https://github.com/o/r/actions/runs/42',
    );
    const b = await runCli(
      ['build', 'distributed-20-partial', '--runs', 'fixtures/runs', '--github', '-q'],
      scratch.dir,
      {
        env,
      },
    );
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('');
    const summary = await readFile(path.join(scratch.dir, 'gh', 'summary.md'), 'utf8');
    // Appended, as GitHub expects from each step: both runs are there, in order.
    expect(summary.indexOf('<!-- bench-report:single-node-20 -->')).toBe(0);
    expect(summary.indexOf('<!-- bench-report:distributed-20-partial -->')).toBeGreaterThan(0);
    const pr = await readFile(path.join(scratch.dir, 'reports', 'single-node-20', 'report-pr.md'), 'utf8');
    // The summary is the pull-request layout (`--format pr`, report.pr.md), not the full report.md.
    const c = await runCli(
      ['build', 'single-node-20', '--runs', 'fixtures/runs', '--format', 'pr', '--out', 'pr-only', '-q'],
      scratch.dir,
    );
    expect(c.code, c.stderr).toBe(0);
    const prLayout = await readFile(path.join(scratch.dir, 'pr-only', 'report.pr.md'), 'utf8');
    const full = await readFile(path.join(scratch.dir, 'reports', 'single-node-20', 'report.md'), 'utf8');
    expect(pr.startsWith('<!-- bench-report:single-node-20 -->\n')).toBe(true);
    expect(pr).toContain(prLayout.trimEnd());
    expect(pr).not.toContain(full.trimEnd());
    expect(pr.trimEnd()).toMatch(
      /\nFull report: `reports\/single-node-20\/report\.html` in the artifacts of https:\/\/github\.com\/o\/r\/actions\/runs\/42$/,
    );
    expect(summary).toContain(pr.trimEnd());
    const outputs = await readFile(path.join(scratch.dir, 'gh', 'output.txt'), 'utf8');
    expect(outputs).toContain('run-id=single-node-20\nstatus=complete\n');
    expect(outputs).toContain(`report-html=${path.join('reports', 'distributed-20-partial', 'report.html')}`);
    expect(outputs).toContain('status=incomplete');
  });

  it('says so when GITHUB_STEP_SUMMARY is not set, and still writes report-pr.md', async () => {
    const r = await runCli(
      ['build', 'single-node-20', '--runs', 'fixtures/runs', '--github', '--out', 'o2'],
      scratch.dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('GITHUB_STEP_SUMMARY is not set');
    expect(r.stderr).toContain('full HTML report: `o2/report.html`');
    expect(existsSync(path.join(scratch.dir, 'o2', 'report-pr.md'))).toBe(true);
  });

  it('exits 1 naming the variable and file when the step summary cannot be written', async () => {
    const r = await runCli(
      ['build', 'single-node-20', '--runs', 'fixtures/runs', '--github', '-q'],
      scratch.dir,
      {
        env: { GITHUB_STEP_SUMMARY: 'fixtures/runs/single-node-20/run.yaml/summary.md' },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'fixtures/runs/single-node-20/run.yaml/summary.md: cannot write $GITHUB_STEP_SUMMARY',
    );
  });

  it.skipIf(!hasCmark)('writes a summary cmark-gfm renders with its tables', async () => {
    const html = execFileSync(
      'cmark-gfm',
      ['-e', 'table', '-e', 'autolink', path.join(scratch.dir, 'gh', 'summary.md')],
      {
        encoding: 'utf8',
      },
    );
    expect(html).toContain('<table>');
    // The PR layout titles with h2 (an h1 is too loud in a comment) and its sections with h3.
    expect(html).toMatch(/<h2>Benchmark report: /);
    expect(html).toContain('<h3>Verdict</h3>');
    expect(html).not.toContain('| ---');
  });
});
