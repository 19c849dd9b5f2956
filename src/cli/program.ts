// cli: the commander program. The only module that knows about exit codes and the terminal;
// `run(argv, io)` is testable in-process.
import { Command, CommanderError } from 'commander';
import { isInputError } from '../model/errors.js';
import { VERSION } from '../version.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { lsCommand } from './commands/ls.js';
import type { CommandFactory } from './commands/command.js';
import { initCommand } from './commands/init.js';
import { compareCommand } from './commands/compare.js';
import { scalingCommand } from './commands/scaling.js';
import { EXIT } from './exit.js';
import type { CliIO } from './io.js';

export { EXIT } from './exit.js';

/** Every subcommand, in the order `--help` lists them. Each lives in its own file under commands/. */
const COMMANDS: CommandFactory[] = [
  buildCommand,
  compareCommand,
  scalingCommand,
  checkCommand,
  initCommand,
  lsCommand,
];

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (c: number) => {
    exitCode = c;
  };
  const program = new Command('bench-report')
    .description(
      'Turn what a distributed game-server benchmark leaves behind into a report people can trust.',
    )
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report ls --runs fixtures/runs
  $ bench-report build single-node-20 --runs fixtures/runs
  $ bench-report build --help

Colours only on a terminal and never with NO_COLOR; progress bars only on a terminal (stderr).`,
    );
  for (const factory of COMMANDS) program.addCommand(factory(io, setExit));
  for (const c of program.commands)
    c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return EXIT.ok;
      if (e.code.startsWith('bench-report.')) io.stderr(`${e.message}\n`);
      return EXIT.input;
    }
    if (isInputError(e)) {
      io.stderr(`bench-report: ${e.message}\n`);
      return EXIT.input;
    }
    throw e;
  }
  return exitCode;
}
