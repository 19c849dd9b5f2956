// The start of a bundled entry point (the command, bench-report.js, and its read worker,
// read-worker.js): runs the CommonJS bundle next to it, __BUNDLE_FILE, through V8's code cache
// (code-cache.mjs), so that neither is parsed and compiled again on every start.
// __BUNDLE_NAME and __BUNDLE_KEY (the SHA-256 of the bundle) are set when it is bundled.
import { fileURLToPath } from 'node:url';
import { loadCached } from './code-cache.mjs';

/**
 * A cache holds what the process that wrote it ran. One written by `--version`, `ls` or `init`
 * would hold little of what a build runs, so only the commands that build reports write the
 * command's cache (every run uses it).
 */
const REPORT_COMMANDS = new Set(['build', 'compare', 'scaling']);
const writes =
  __BUNDLE_NAME !== 'command' || REPORT_COMMANDS.has(process.argv.slice(2).find((a) => !a.startsWith('-')));

loadCached(fileURLToPath(new URL(__BUNDLE_FILE, import.meta.url)), __BUNDLE_NAME, __BUNDLE_KEY, { writes });
