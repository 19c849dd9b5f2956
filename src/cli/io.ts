// The terminal as the CLI sees it; tests pass their own to run commands in-process.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  isTTY: boolean;
  /** Whether stdout is a terminal (for colour in listings); stderr's `isTTY` governs progress and messages. */
  stdoutIsTTY?: boolean;
}

/**
 * The process's own terminal. A reader that stops reading (`bench-report build --help | head -3`)
 * closes the pipe: what is left to print has no one to read it and is dropped (EPIPE), while the
 * command itself runs to the end (a build still writes its reports) with its own exit code.
 */
export function processIO(): CliIO {
  const gone = { stdout: false, stderr: false };
  for (const name of ['stdout', 'stderr'] as const)
    process[name].on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      gone[name] = true;
    });
  return {
    stdout: (t) => {
      if (!gone.stdout) process.stdout.write(t);
    },
    stderr: (t) => {
      if (!gone.stderr) process.stderr.write(t);
    },
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
}
