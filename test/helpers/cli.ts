// In-process CLI runs for tests: a CliIO that captures output, and a scratch copy of the fixture runs.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/program.js';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const REPO = repoRoot;

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with `argv` in `cwd`; env and terminal flags as given. */
export async function runCli(
  argv: string[],
  cwd: string,
  opts: { env?: Record<string, string | undefined>; isTTY?: boolean; stdoutIsTTY?: boolean } = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: opts.env ?? {},
    cwd,
    isTTY: opts.isTTY ?? false,
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** A temp folder holding `fixtures/runs` (a copy); remove it with the returned cleanup. */
export async function scratchWithFixtures(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-report-test-'));
  await cp(path.join(repoRoot, 'fixtures', 'runs'), path.join(dir, 'fixtures', 'runs'), { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the CLI in-process from the repository root with a captured terminal. */
export async function cli(args: string[], opts: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    cwd: REPO,
    isTTY: false,
    ...opts,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
