// Regenerates the golden reports under fixtures/golden/ from the fixture runs: every output `build`
// writes (md, html, json, the PR comment and each chart's .vl.json). Review the diff, then commit.
// Usage: npm run golden
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goldenCases, goldenFiles } from '../test/golden-cases.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'fixtures', 'golden');

rmSync(DIR, { recursive: true, force: true });
for (const c of goldenCases) {
  const files = await goldenFiles(c, ROOT);
  const out = path.join(DIR, c.name);
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
  console.log(`${path.relative(ROOT, out)}: ${Object.keys(files).length} files`);
}
