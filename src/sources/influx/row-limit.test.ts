import { describe, expect, it } from 'vitest';
import { splitStatements } from './row-limit.js';

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    expect(
      splitStatements(`SELECT a FROM "x;y" WHERE t = 'p;q';\nSELECT b FROM m -- c; d\n;SELECT 'it\\'s;';  ;`),
    ).toEqual([`SELECT a FROM "x;y" WHERE t = 'p;q'`, 'SELECT b FROM m', `SELECT 'it\\'s;'`]);
  });
  it('the bundled files split into the four statements the reader expects', async () => {
    const { loadQuery } = await import('./queries.js');
    for (const name of ['cpu_busy', 'mem_used']) {
      const q = await loadQuery('influxql', name);
      const parts = splitStatements(q.text);
      expect(parts).toHaveLength(4);
      expect(parts[3]).toMatch(/GROUP BY time\(/);
    }
  });
});
