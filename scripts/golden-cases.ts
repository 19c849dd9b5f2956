// The golden cases: every fixture run, plus builds against a baseline. Shared by the golden
// test and the script that regenerates the expected files.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..');
export const RUNS_DIR = 'fixtures/runs';
export const GOLDEN_DIR = path.join(REPO, 'fixtures', 'golden');

export interface GoldenCase {
  name: string;
  /** CLI arguments after `bench-report`, run from the repository root. */
  args: string[];
}

/** Builds with a baseline given on the command line (the story's comparison). */
const BASELINE_CASES: GoldenCase[] = [
  {
    name: 'distributed-20--vs--single-node-20',
    args: ['build', 'distributed-20', '--runs', RUNS_DIR, '--baseline', 'single-node-20'],
  },
];

/** Yardstick results directories, built with no manifest of ours. */
const YARDSTICK_CASES: GoldenCase[] = [
  { name: 'yardstick-walkaround', args: ['build', 'fixtures/yardstick/walkaround-20260919-101500'] },
];

/** Every output build can write, so each is pinned by a golden file. */
const ALL_FORMATS = ['--format', 'md,html,json,pr'];

export function goldenCases(): GoldenCase[] {
  const runs = readdirSync(path.join(REPO, RUNS_DIR))
    .filter((d) => statSync(path.join(REPO, RUNS_DIR, d)).isDirectory())
    .sort();
  return [
    ...runs.map((id) => ({ name: id, args: ['build', id, '--runs', RUNS_DIR] })),
    ...BASELINE_CASES,
    ...YARDSTICK_CASES,
  ].map((c) => ({ ...c, args: [...c.args, ...ALL_FORMATS] }));
}
