// Regenerates fixtures/golden/<case>/ from the current code: review the diff, then commit.
// Usage: npm run golden
import { rmSync } from 'node:fs';
import path from 'node:path';
import { run } from '../src/cli/program.js';
import { GOLDEN_DIR, REPO, goldenCases } from './golden-cases.js';

const silent = {
  stdout: () => {},
  stderr: (t: string) => process.stderr.write(t),
  env: {},
  cwd: REPO,
  isTTY: false,
};
for (const c of goldenCases()) {
  const out = path.join(GOLDEN_DIR, c.name);
  rmSync(out, { recursive: true, force: true });
  const code = await run([...c.args, '--out', out, '--quiet'], silent);
  console.log(`${c.name}: exit ${code}`);
}
