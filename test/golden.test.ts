// Golden reports: each fixture's outputs must match fixtures/golden/ byte for byte. After an
// intended change, run `npm run golden` and review the diff.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenCases, goldenFiles } from './golden-cases.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'fixtures', 'golden');

describe('golden reports', () => {
  it.each(goldenCases.map((c) => [c.name, c] as const))(
    '%s matches fixtures/golden (npm run golden to update)',
    async (_n, c) => {
      const dir = path.join(DIR, c.name);
      expect(existsSync(dir), `${dir} missing: run npm run golden`).toBe(true);
      const files = await goldenFiles(c, ROOT);
      expect(Object.keys(files).sort()).toEqual(readdirSync(dir).sort());
      for (const [name, text] of Object.entries(files))
        expect(
          text === readFileSync(path.join(dir, name), 'utf8'),
          `${c.name}/${name} differs: npm run golden, then review the diff`,
        ).toBe(true);
    },
  );
});
