// `npm run fuzz [-- --runs N --seed S --reader NAME]`: the CI fuzz suite for longer, with a fresh
// seed each time (printed, so a failure can be replayed with --seed). Exit 1 on the first failure.
import { parseArgs } from 'node:util';
import { describeFailure, fuzzReader } from '../test/robustness/fuzz-reader.js';
import { readerTargets } from '../test/robustness/targets.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.FUZZ_RUNS ?? '20000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED },
    reader: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
let failed = false;
for (const t of readerTargets()) {
  if (values.reader && t.reader.name !== values.reader) continue;
  const t0 = performance.now();
  const d = await fuzzReader(t.reader, { ...t.options, numRuns: runs, seed });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (d.failed) {
    failed = true;
    process.stderr.write(
      `FAIL ${t.reader.name} after ${d.numRuns} cases (${secs} s)\n${describeFailure(d)}\n`,
    );
  } else process.stdout.write(`ok   ${t.reader.name}: ${d.numRuns} cases, seed ${seed}, ${secs} s\n`);
}
process.exitCode = failed ? 1 : 0;
