// Docs that execute: every command in the README's ```sh blocks runs and succeeds. `npm ci` and
// `npm test` are the two commands .ci/run itself runs around this very test, so they are not re-run here.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const RUN_BY_CI = new Set(['npm ci', 'npm test']);

function readmeCommands(readme: string): string[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) =>
    b
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}

describe('README commands', () => {
  const commands = readmeCommands(readFileSync(path.join(REPO, 'README.md'), 'utf8'));
  it('shows the two main commands', () => {
    expect(commands).toContain('npx bench-report build single-node-20 --runs fixtures/runs');
    expect(commands).toContain('npm test');
  });
  for (const command of commands.filter((c) => !RUN_BY_CI.has(c))) {
    it(`runs: ${command}`, () => {
      execFileSync('bash', ['-c', command], { cwd: REPO, stdio: 'pipe', timeout: 120_000 });
      const m = command.match(/bench-report build (\S+)/);
      if (m) {
        const out = command.match(/--out (\S+)/)?.[1] ?? path.join('reports', m[1]!);
        const formats = command.includes('--format') ? [] : ['report.md', 'report.html', 'summary.json'];
        for (const f of formats) expect(existsSync(path.join(REPO, out, f)), `${out}/${f}`).toBe(true);
      }
    });
  }
});
