// Golden reports: every fixture run builds to the committed files byte for byte, twice in a row.
// Regenerate with `npm run golden` and review the diff.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_DIR, goldenCases } from '../scripts/golden-cases.js';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'bench-report-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), base)
        : [path.relative(base, path.join(dir, e.name))],
    )
    .sort();
}

describe('golden reports', () => {
  for (const c of goldenCases()) {
    it(`${c.name} builds to its golden files byte for byte, twice in a row`, async () => {
      const expectedDir = path.join(GOLDEN_DIR, c.name);
      const expected = listFiles(expectedDir);
      expect(expected).toContain('report.md');
      for (const attempt of [1, 2]) {
        const out = path.join(tmp, `${c.name}-${attempt}`);
        const r = await cli([...c.args, '--out', out, '--quiet']);
        expect(r.code, r.stderr).toBe(0);
        expect(listFiles(out)).toEqual(expected);
        for (const f of expected) {
          const got = readFileSync(path.join(out, f), 'utf8');
          const want = readFileSync(path.join(expectedDir, f), 'utf8');
          expect(got, `${c.name}/${f} differs from the golden file; run npm run golden and review`).toBe(
            want,
          );
        }
      }
    });
  }
});
