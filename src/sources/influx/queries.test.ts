import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { fill, loadQuery, qualifiedDatabase, quoteIdent } from './queries.js';

describe('query files and placeholders', () => {
  it('quotes identifiers with backslash and double quote escaped', () => {
    expect(quoteIdent('plain')).toBe('"plain"');
    expect(quoteIdent('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(qualifiedDatabase('db"x')).toBe('"db\\"x".');
    expect(qualifiedDatabase('db', 'rp 1')).toBe('"db"."rp 1"');
  });
  it('fills placeholders once: a value that looks like a placeholder stays text', () => {
    const q = { file: 'x.influxql', text: 'FROM {{database}}."cpu" -- {{ database }}' };
    expect(fill(q, { database: '"{{database}}"' })).toBe('FROM "{{database}}"."cpu" -- "{{database}}"');
  });
  it('names the file and the known placeholders for an unknown one', () => {
    expect(() => fill({ file: 'my.influxql', text: '{{nope}}' }, { database: 'x' })).toThrow(
      'my.influxql: unknown placeholder {{nope}}; known: {{database}}',
    );
  });
  it('bundled InfluxQL queries bind every value: no quote-pasted host or time in the text', async () => {
    for (const name of ['cpu_busy', 'mem_used', 'last_report']) {
      const q = await loadQuery('influxql', name);
      expect(q.text).not.toMatch(/^--/m); // header dropped
      expect(q.text).toContain('"host" = $host');
      expect(q.text).not.toMatch(/'\$|\$\{/);
    }
  });
  it('a missing user query folder is an InputError naming the file it wanted', async () => {
    const e = await loadQuery('influxql', 'cpu_busy', '/nonexistent-dir').catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain('/nonexistent-dir/influxql/cpu_busy.influxql');
  });
});
