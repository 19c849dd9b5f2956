#!/usr/bin/env node
// Entry point of the `bench-report` command.
import { processIO } from './io.js';
import { run } from './program.js';

/**
 * Ends the process with `code` once stdout and stderr have taken everything written to them. The
 * work is done: waiting for the event loop to empty and Node to take everything down first cost
 * 10-40 ms after a big build (its heap, the threads that read it).
 */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}

run(process.argv.slice(2), processIO()).then(exit, (e: unknown) => {
  process.stderr.write(
    `bench-report: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  exit(70);
});
