// Manifest loading: the contract's keys, defaults and error messages naming file, line, key and expectation.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { parseDuration } from './duration.js';
import { loadRun, parseManifest } from './load.js';

const base = `id: r1
start: 2025-06-19T14:00:00Z
nodes:
  - { host: srv, role: server }
  - { host: b1, role: bots, bots: 20 }
`;

function errorOf(text: string, file = 'runs/r1/run.yaml'): string {
  try {
    parseManifest(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseManifest', () => {
  it('accepts duration instead of end, defaults interval to 10s and bots to 0', () => {
    const s = parseManifest(`${base}duration: 2m\n`, 'run.yaml');
    expect(s.start).toBe(Date.parse('2025-06-19T14:00:00Z'));
    expect(s.end - s.start).toBe(120_000);
    expect(s.intervalSeconds).toBe(10);
    expect(s.nodes).toEqual([
      { host: 'srv', role: 'server', bots: 0 },
      { host: 'b1', role: 'bots', bots: 20 },
    ]);
    expect(s.timezone).toBe('UTC');
  });
  it('accepts JSON content and an explicit end and interval', () => {
    const s = parseManifest(
      JSON.stringify({
        id: 'j',
        start: '2025-01-01T00:00:00Z',
        end: '2025-01-01T00:10:00Z',
        interval: '5s',
        nodes: [{ host: 'a', role: 'other' }],
        sources: [{ path: 'm/*.lp', format: 'lp' }],
      }),
      'run.json',
    );
    expect(s.intervalSeconds).toBe(5);
    expect(s.sources).toEqual([{ kind: 'file', path: 'm/*.lp', format: 'lp' }]);
  });
  it('names the file, line, key and expectation for a bad role', () => {
    expect(errorOf(base.replace('role: bots', 'role: bot'))).toBe(
      'runs/r1/run.yaml:5: key "nodes.1.role": expected one of server, bots, other',
    );
  });
  it('names the missing end/duration', () => {
    expect(errorOf(base)).toMatch(
      /^runs\/r1\/run\.yaml(:\d+)?: key "end": expected either "end" or "duration"$/,
    );
  });
  it('names an unknown key', () => {
    expect(errorOf(`${base}duration: 1m\ncolour: red\n`)).toMatch(
      /key "\(top level\)": unknown key\(s\) "colour"|"colour"/,
    );
  });
  it('rejects a bad interval, a negative bot count and an end before start', () => {
    expect(errorOf(`${base}duration: 1m\ninterval: soon\n`)).toMatch(
      /:7: key "interval": expected a duration/,
    );
    expect(errorOf(`${base.replace('bots: 20', 'bots: -1')}duration: 1m\n`)).toMatch(
      /key "nodes.1.bots": expected a whole number/,
    );
    expect(errorOf(`${base}end: 2025-06-19T13:00:00Z\n`)).toMatch(/key "end": expected a time after start/);
  });
  it('rejects invalid YAML with its line', () => {
    expect(errorOf('id: r1\nnodes: [\n')).toMatch(/^runs\/r1\/run\.yaml:\d+: not valid YAML or JSON/);
  });
  it('rejects a host listed twice', () => {
    expect(errorOf(`${base}  - { host: srv, role: other }\nduration: 1m\n`)).toMatch(
      /host "srv" is listed twice/,
    );
  });
});

describe('loadRun', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-report-load-'));
  mkdirSync(path.join(dir, 'runs', 'r1'), { recursive: true });
  writeFileSync(path.join(dir, 'runs', 'r1', 'run.yaml'), `${base}duration: 1m\n`);
  mkdirSync(path.join(dir, 'runs', 'empty'));
  it('finds a run by id under the runs folder, by directory and by manifest path', async () => {
    expect((await loadRun('r1', 'runs', dir)).id).toBe('r1');
    expect((await loadRun('runs/r1', 'elsewhere', dir)).id).toBe('r1');
    expect((await loadRun('runs/r1/run.yaml', 'elsewhere', dir)).dir).toBe(path.join(dir, 'runs', 'r1'));
  });
  it('says what it looked for when a run is not found, and how to make a manifest', async () => {
    await expect(loadRun('nope', 'runs', dir)).rejects.toThrow(
      /run "nope" not found: looked for "nope" and "runs\/nope"/,
    );
    await expect(loadRun('empty', 'runs', dir)).rejects.toThrow(
      /runs\/empty: no manifest .* "bench-report init runs\/empty"/,
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['10s', 10],
    ['2m', 120],
    ['1h30m', 5400],
    ['500ms', 0.5],
    ['90', 90],
    [15, 15],
  ])('%j is %d seconds', (input, seconds) => expect(parseDuration(input)).toBe(seconds));
  it.each(['', 'soon', '10x', '1m junk', -1])('%j is not a duration', (input) =>
    expect(parseDuration(input)).toBeNull(),
  );
});
