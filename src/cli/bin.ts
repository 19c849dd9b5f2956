#!/usr/bin/env node
// Entry point of the `bench-report` command.
import { processIO } from './io.js';
import { run } from './program.js';

run(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `bench-report: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 70;
  },
);
