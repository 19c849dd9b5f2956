// Runs the CLI in-process with a captured terminal.
import { run } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';

export const REPO = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

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
