// Property tests for the manifest parser: any text gives a RunSpec or one InputError naming the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { parseManifest } from './load.js';

const SEED = 20250619;
const FILE = 'runs/r/run.yaml';
const fixture = (id: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/runs', id, 'run.yaml'), 'utf8');
const seeds = ['single-node-20', 'distributed-20', 'distributed-20-partial'].map(fixture);

/** Parses, and returns the InputError when there is one; anything else thrown fails the property. */
function tryParse(text: string): InputError | ReturnType<typeof parseManifest> {
  try {
    return parseManifest(text, FILE);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

const yamlish = fc.constantFrom(
  ':',
  ' ',
  '\n',
  '-',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '\t',
  'x',
  '1',
  '%',
);
const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(40),
        fc.string({ unit: fc.oneof(yamlish, fc.string({ maxLength: 1 })), maxLength: 6 }),
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
  )
  .map(([seed, edits]) =>
    edits.reduce((t, [at, del, ins]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + ins + t.slice(i + del);
    }, seed),
  );

describe('manifest parser properties', () => {
  it('mutated manifests give a RunSpec or one InputError located in the file, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        const r = tryParse(text);
        if (r instanceof InputError) {
          expect(r.location?.startsWith(FILE)).toBe(true);
          expect(r.message).toMatch(/^runs\/r\/run\.yaml(:\d+)?: \S/);
          const line = Number(r.location?.split(':')[1] ?? 1);
          expect(line).toBeLessThanOrEqual(text.split('\n').length + 1);
        } else {
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.intervalSeconds).toBeGreaterThan(0);
          expect(r.nodes.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('hostile strings in any manifest field never crash the parser', () => {
    const hostile = fc.oneof(
      fc.constantFrom(
        '<script>alert(1)</script>',
        '[x](javascript:alert(1))',
        '__proto__',
        'constructor',
        '\u0000\u001b[31m',
        'a'.repeat(10_000),
      ),
      fc.string({ unit: 'binary', maxLength: 50 }),
    );
    fc.assert(
      fc.property(
        hostile,
        fc.constantFrom('id', 'title', 'host', 'role', 'path', 'interval', 'start', '__proto__'),
        (v, key) => {
          const m: Record<string, unknown> = {
            id: 'r',
            title: 't',
            start: '2025-06-19T14:00:00Z',
            duration: '10m',
            nodes: [{ host: 'a', role: 'server' }],
            sources: [{ path: 'm.lp' }],
          };
          if (key === 'host' || key === 'role') (m.nodes as Record<string, unknown>[])[0]![key] = v;
          else if (key === 'path') m.sources = [{ path: v }];
          else Object.defineProperty(m, key, { value: v, enumerable: true });
          const r = tryParse(JSON.stringify(m));
          if (!(r instanceof InputError) && key === 'title') expect(r.title).toBe(v);
          if (!(r instanceof InputError) && key === 'host') expect(r.nodes[0]!.host).toBe(v);
        },
      ),
      { numRuns: 2000, seed: SEED },
    );
  });

  it.each([
    [
      'a YAML alias bomb',
      `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [${'*a,'.repeat(9)}]\nc: &c [${'*b,'.repeat(9)}]\nd: &d [${'*c,'.repeat(9)}]\ne: [${'*d,'.repeat(9)}]\n`,
      /not valid YAML or JSON/,
    ],
    ['100 000 nested brackets', '['.repeat(100_000), /not valid YAML or JSON/],
    [
      'a start far past year 275760',
      'id: r\nstart: 99999999999999999999\nduration: 1s\nnodes: [{host: a, role: server}]\n',
      /key "start": expected a real date/,
    ],
    ['a duplicate key', 'id: a\nid: b\n', /Map keys must be unique/],
  ])('%s gives one InputError, not a crash', (_what, text, message) => {
    const r = tryParse(text);
    expect(r).toBeInstanceOf(InputError);
    expect((r as InputError).message).toMatch(message);
  });
});
