// Runs examples/github-actions.yml locally, step by step, with the environment GitHub gives a step:
// job and step `env:` (expressions evaluated from a pull_request context), GITHUB_STEP_SUMMARY,
// GITHUB_OUTPUT, GITHUB_WORKSPACE, and `bash -eo pipefail` as the shell. `run:` steps run for real with
// the built CLI on PATH. Steps that need GitHub itself are handled here: checkout/setup-node (this
// checkout and this Node), "Install bench-report" (the registry; test/package covers installing the
// packed tarball), download-artifact (the runs are copied in), upload-artifact (its path must exist),
// and github-script, whose script runs against an in-memory issue-comments store (a local stand-in for
// GitHub's REST API) to show that a second push updates the one comment instead of adding another.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, repoRoot } from '../helpers/dist.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface StepResult {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
}

const workflow = parse(await readFile(path.join(repoRoot, 'examples', 'github-actions.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
};
const job = workflow.jobs.report!;
const PR_NUMBER = 7;
const BASE_SHA = 'abc123';

interface Comment {
  id: number;
  body: string;
}
const comments: Comment[] = [];
const githubApi = {
  paginate: async (fn: (a: unknown) => Promise<{ data: Comment[] }>, args: unknown) => (await fn(args)).data,
  rest: {
    issues: {
      listComments: async () => ({ data: comments.map((c) => ({ ...c })) }),
      createComment: async ({ body }: { body: string }) => {
        comments.push({ id: comments.length + 1, body });
      },
      updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
        comments.find((c) => c.id === comment_id)!.body = body;
      },
    },
  },
};

let ws: string;
let bin: string;
beforeAll(async () => {
  await ensureBuilt();
  ws = await mkdtemp(path.join(os.tmpdir(), 'bench-report-gha-'));
  bin = path.join(ws, '.bin');
  await mkdir(bin);
  await writeFile(
    path.join(bin, 'bench-report'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'dist', 'cli-bundle', 'bench-report.js')}" "$@"\n`,
  );
  await chmod(path.join(bin, 'bench-report'), 0o755);
}, 120_000);
afterAll(() => rm(ws, { recursive: true, force: true }));

/** Evaluates the `${{ }}` expressions this workflow uses; any other expression fails the test. */
function expand(text: string, outputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.event.pull_request.number') return String(PR_NUMBER);
    if (expr === 'github.event.pull_request.base.sha') return BASE_SHA;
    if (expr === 'secrets.INFLUX_TOKEN') return '';
    const m = expr.match(/^steps\.([\w-]+)\.outputs\.([\w-]+)$/);
    if (m) return outputs[m[1]!]?.[m[2]!] ?? '';
    throw new Error(`the test does not know the expression \${{ ${expr} }}`);
  });
}

/** Runs the job once in the workspace; returns each step's result. */
async function runJob(): Promise<StepResult[]> {
  const outputs: Record<string, Record<string, string>> = {};
  const results: StepResult[] = [];
  const jobEnv = Object.fromEntries(Object.entries(job.env).map(([k, v]) => [k, expand(String(v), outputs)]));
  for (const [i, step] of job.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${i}`;
    const env: Record<string, string> = {
      PATH: `${bin}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: ws,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ws,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'example/bench',
      GITHUB_RUN_ID: '1234',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_STEP_SUMMARY: path.join(ws, '.gh', `summary-${i}.md`),
      GITHUB_OUTPUT: path.join(ws, '.gh', `output-${i}.txt`),
      ...jobEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), outputs)])),
    };
    await mkdir(path.join(ws, '.gh'), { recursive: true });
    await writeFile(env.GITHUB_OUTPUT!, '');
    await writeFile(env.GITHUB_STEP_SUMMARY!, '');
    let r: StepResult = { name, code: 0, stdout: '', stderr: '', summary: '' };
    if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) {
      // This checkout and this Node.
    } else if (step.uses?.startsWith('actions/download-artifact@')) {
      expect(step.with?.path).toBe('runs'); // where the test put the runs
    } else if (step.uses?.startsWith('actions/upload-artifact@')) {
      expect(existsSync(path.join(ws, step.with!.path!, 'pr', 'report.html'))).toBe(true);
    } else if (step.uses?.startsWith('actions/github-script@')) {
      const wsRequire = createRequire(path.join(ws, 'x.js'));
      const fs = wsRequire('node:fs') as typeof import('node:fs');
      const require = (id: string) =>
        id === 'fs'
          ? { ...fs, readFileSync: (p: string, enc: 'utf8') => fs.readFileSync(path.resolve(ws, p), enc) }
          : wsRequire(id);
      const context = { repo: { owner: 'example', repo: 'bench' }, issue: { number: PR_NUMBER } };
      const fn = new Function(
        'require',
        'github',
        'context',
        'process',
        `return (async () => {\n${step.with!.script}\n})();`,
      );
      await fn(require, githubApi, context, { env });
    } else if (name === 'Install bench-report') {
      expect(step.run).toMatch(/npm install --global bench-report@/);
    } else if (step.run) {
      const p = spawnSync(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, outputs)],
        {
          cwd: ws,
          env,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      r = { name, code: p.status ?? -1, stdout: p.stdout, stderr: p.stderr, summary: '' };
    } else throw new Error(`the test does not know how to run step "${name}"`);
    r.summary = await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        (await readFile(env.GITHUB_OUTPUT!, 'utf8'))
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    results.push(r);
    if (r.code !== 0) break; // GitHub skips the remaining steps of a failed job
  }
  return results;
}

async function placeRuns(prFixture: string) {
  const runs = path.join(ws, 'runs');
  await rm(runs, { recursive: true, force: true });
  await cp(path.join(repoRoot, 'fixtures', 'runs', prFixture), path.join(runs, `pr-${PR_NUMBER}`), {
    recursive: true,
  });
  await cp(path.join(repoRoot, 'fixtures', 'runs', 'single-node-20'), path.join(runs, `base-${BASE_SHA}`), {
    recursive: true,
  });
}

describe('examples/github-actions.yml, run locally', () => {
  let first: StepResult[];
  let second: StepResult[];
  beforeAll(async () => {
    await placeRuns('distributed-20-partial');
    first = await runJob();
    // The next push: the PR's run now measured every node.
    await placeRuns('single-node-20');
    second = await runJob();
  }, 120_000);

  it('runs on pull requests and may write PR comments', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  });

  it('builds both reports; a tripped gate fails only the last step, after comment and artifact', () => {
    expect(first.map((r) => [r.name, r.code])).toEqual(
      job.steps.map((s, i) => [s.name ?? s.uses, i === job.steps.length - 1 ? 1 : 0]),
    );
    expect(first.at(-1)!.stderr).toContain('a --fail-on gate (missing rejected) tripped');
    expect(second.every((r) => r.code === 0)).toBe(true);
    expect(second).toHaveLength(job.steps.length);
  });

  it('lists the runs with their status', () => {
    const ls = first.find((r) => r.name === 'List the runs')!;
    expect(ls.stdout).toMatch(/base-abc123 \(id single-node-20\)\s+complete/);
    expect(ls.stdout).toMatch(/pr-7 \(id distributed-20-partial\)\s+incomplete/);
  });

  it('writes a step summary with the comparison that cmark-gfm renders', async () => {
    const build = first.find((r) => r.name === 'Build the PR report against its base')!;
    expect(build.summary).toContain('<!-- bench-report:distributed-20-partial -->');
    expect(build.summary).toContain(
      'Full report: `reports/pr/report.html` in the artifacts of https://github.com/example/bench/actions/runs/1234',
    );
    expect(build.stderr).toContain('gate tripped: missing: bots-b not measured');
    if (!existsSync('/usr/bin/cmark-gfm'))
      return console.warn('cmark-gfm not installed: rendering not checked');
    const file = path.join(ws, 'summary.md');
    await writeFile(file, build.summary);
    const html = execFileSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', file], { encoding: 'utf8' });
    expect(html).toContain('<table>');
    // The PR layout: report title h2, sections (the comparison among them) h3.
    expect(html).toMatch(/<h3>[^<]*[Cc]ompar/);
  });

  it('keeps one PR comment, updated by the second push', () => {
    expect(comments).toHaveLength(1);
    expect(
      comments[0]!.body.startsWith('<!-- bench-report comment -->\n<!-- bench-report:single-node-20 -->'),
    ).toBe(true);
  });
});
