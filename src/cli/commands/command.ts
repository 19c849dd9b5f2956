// The shape of a subcommand module: given the terminal and a way to set the exit code, a commander Command.
import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export type CommandFactory = (io: CliIO, setExit: (code: number) => void) => Command;
