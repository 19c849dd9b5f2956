// Command-line manners: every command has --help with examples, every example shown there runs,
// and --version prints the package.json version.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Captured, repoRoot, runCli, scratchWithFixtures } from '../helpers/cli.js';

let scratch: Awaited<ReturnType<typeof scratchWithFixtures>>;
beforeAll(async () => {
  scratch = await scratchWithFixtures();
});
afterAll(() => scratch.cleanup());

function examplesIn(help: string): string[][] {
  return help
    .split('\n')
    .filter((l) => l.trim().startsWith('$ bench-report'))
    .map((l) => l.trim().slice('$ bench-report'.length).trim().split(/\s+/));
}

const commands = async (): Promise<string[]> => {
  const root = await runCli(['--help'], scratch.dir);
  const section = root.stdout.split('Commands:')[1] ?? '';
  return [...section.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
};

describe('--help', () => {
  it('lists build and ls, and every command help shows examples', async () => {
    const names = await commands();
    expect(names).toEqual(expect.arrayContaining(['build', 'ls']));
    for (const name of ['', ...names]) {
      const r = await runCli(name ? [name, '--help'] : ['--help'], scratch.dir);
      expect(r.code, name).toBe(0);
      expect(r.stdout, `${name || 'root'} --help`).toContain('Examples:');
      expect(examplesIn(r.stdout).length, `${name || 'root'} examples`).toBeGreaterThan(0);
    }
  });

  it('runs every example shown in every --help (exit 0, or 2 where a --fail-on gate is shown)', async () => {
    const names = await commands();
    const ran: string[] = [];
    for (const name of ['', ...names]) {
      const help = (await runCli(name ? [name, '--help'] : ['--help'], scratch.dir)).stdout;
      for (const argv of examplesIn(help)) {
        const r: Captured = await runCli(argv, scratch.dir);
        const allowed = argv.includes('--fail-on') ? [0, 2] : [0];
        expect(allowed, `bench-report ${argv.join(' ')}\n${r.stderr}`).toContain(r.code);
        ran.push(argv.join(' '));
      }
    }
    expect(ran.length).toBeGreaterThanOrEqual(6);
  });
});

describe('--version', () => {
  it('prints the version in package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag], scratch.dir);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
  });
});
