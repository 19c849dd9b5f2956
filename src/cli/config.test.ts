import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../analyze/summarize.js';
import { loadConfig, parseConfig } from './config.js';
import type { CliIO } from './io.js';

const io = (cwd: string, env: Record<string, string> = {}): CliIO => ({
  stdout: () => {},
  stderr: () => {},
  env,
  cwd,
  isTTY: false,
});

describe('parseConfig', () => {
  it('merges thresholds over the defaults and maps InfluxDB sources', () => {
    const c = parseConfig(
      [
        'runs: bench/runs',
        'out: out',
        'failOn: [missing]',
        'thresholds:',
        '  coverage: 0.8',
        'sources:',
        '  - influxql: http://127.0.0.1:8086',
        '    database: telegraf',
        '  - flux: http://127.0.0.1:8087',
        '    org: o',
        '    bucket: b',
      ].join('\n'),
      'c.yaml',
    );
    expect(c.runs).toBe('bench/runs');
    expect(c.out).toBe('out');
    expect(c.failOn).toEqual(['missing']);
    expect(c.thresholds).toEqual({ ...DEFAULT_THRESHOLDS, coverage: 0.8 });
    expect(c.sources).toEqual([
      { kind: 'influxql', url: 'http://127.0.0.1:8086', database: 'telegraf' },
      { kind: 'flux', url: 'http://127.0.0.1:8087', org: 'o', bucket: 'b' },
    ]);
  });

  it('refuses credentials, naming the key, its line and the environment variables to use', () => {
    const text =
      'runs: r\nsources:\n  - influxql: http://127.0.0.1:8086\n    database: t\n    password: hunter2\n';
    expect(() => parseConfig(text, 'c.yaml')).toThrow(/c\.yaml:5: key "sources\.0\.password".*INFLUX_TOKEN/);
  });

  it('names the file and line of an unknown key or a bad value', () => {
    expect(() => parseConfig('runs: r\nrnus: x\n', 'c.yaml')).toThrow(/c\.yaml:1: .*unknown key\(s\) "rnus"/);
    expect(() => parseConfig('thresholds:\n  coverage: 2\n', 'c.yaml')).toThrow(
      /c\.yaml:2: key "thresholds\.coverage"/,
    );
    expect(() => parseConfig('runs: [\n', 'c.yaml')).toThrow(/c\.yaml:\d+: not valid YAML/);
  });
});

describe('loadConfig', () => {
  it('finds bench-report.config.yaml in the working directory, or --config, or $BENCH_REPORT_CONFIG', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'br-config-'));
    try {
      expect((await loadConfig(io(dir))).file).toBeNull();
      await writeFile(path.join(dir, 'bench-report.config.yaml'), 'runs: a\n');
      await writeFile(path.join(dir, 'other.yaml'), 'runs: b\n');
      expect((await loadConfig(io(dir))).runs).toBe('a');
      expect((await loadConfig(io(dir), 'other.yaml')).runs).toBe('b');
      expect((await loadConfig(io(dir, { BENCH_REPORT_CONFIG: 'other.yaml' }))).runs).toBe('b');
      await expect(loadConfig(io(dir), 'missing.yaml')).rejects.toThrow(
        /missing\.yaml: config file not found/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('examples/bench-report.config.yaml', () => {
  it('is a valid config whose thresholds are the built-in defaults', async () => {
    const { readFile } = await import('node:fs/promises');
    const file = path.resolve(import.meta.dirname, '..', '..', 'examples', 'bench-report.config.yaml');
    const c = parseConfig(await readFile(file, 'utf8'), file);
    expect(c.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(c.failOn).toEqual(['missing', 'rejected']);
    expect(c.sources).toHaveLength(1);
  });
});
