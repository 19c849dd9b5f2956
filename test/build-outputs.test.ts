// `bench-report build` end to end in-process: the default outputs plus each chart's `.vl.json`,
// `--format` choosing outputs, `--template` errors as exit 1 naming file and line, and the
// same inputs giving byte-identical files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { run } from '../src/cli/program.js';
import { build } from '../src/pipeline.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'runs');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-build-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    cwd: tmp,
    isTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const files = (dir: string) => readdirSync(dir).sort();

describe('bench-report build outputs', () => {
  it('writes report.md, report.html, summary.json and every chart spec by default', async () => {
    const out = path.join(tmp, 'partial');
    const r = await cli(['build', 'distributed-20-partial', '--runs', FIXTURES, '--out', out]);
    expect(r.code).toBe(0);
    expect(files(out)).toEqual([
      'cpu-over-time.vl.json',
      'cpu-overlay.vl.json',
      'cpu-per-bot.vl.json',
      'memory-over-time.vl.json',
      'memory-overlay.vl.json',
      'report.html',
      'report.md',
      'summary.json',
    ]);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => path.basename(l))
        .sort(),
    ).toEqual(files(out));
    // Each spec is a vega-lite spec with its data inline: vega draws it with no loader at all.
    for (const f of files(out).filter((x) => x.endsWith('.vl.json'))) {
      const spec = JSON.parse(readFileSync(path.join(out, f), 'utf8'));
      expect(spec.$schema).toMatch(/vega-lite/);
      const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
      expect(await view.toSVG()).toMatch(/^<svg/);
      view.finalize();
      // The report names the spec next to the chart.
      expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain(`\`${f}\``);
    }
  });

  it('--format pr writes only the pull-request comment', async () => {
    const out = path.join(tmp, 'pr');
    const r = await cli(['build', 'single-node-20', '--runs', FIXTURES, '--out', out, '--format', 'pr']);
    expect(r.code).toBe(0);
    expect(files(out)).toEqual(['report.pr.md']);
    expect(readFileSync(path.join(out, 'report.pr.md'), 'utf8')).toMatch(
      /^## Benchmark report: .*\n\n### Verdict\n/,
    );
  });

  it('renders only the outputs asked for, each byte-identical to the full build, and draws no chart without html', async () => {
    const full = path.join(tmp, 'full-baseline');
    await cli([
      'build',
      'distributed-20-partial',
      '--runs',
      FIXTURES,
      '--out',
      full,
      '--baseline',
      'single-node-20',
    ]);
    for (const formats of [['md'], ['json'], ['md', 'json'], ['html']]) {
      const out = path.join(tmp, `only-${formats.join('-')}`);
      const r = await cli([
        'build',
        'distributed-20-partial',
        '--runs',
        FIXTURES,
        '--out',
        out,
        '--baseline',
        'single-node-20',
        '--format',
        ...formats,
      ]);
      expect(r.code).toBe(0);
      expect(files(out).length).toBe(
        formats.length + (formats.includes('md') || formats.includes('html') ? 5 : 0),
      );
      for (const f of files(out))
        expect(readFileSync(path.join(out, f), 'utf8'), f).toBe(readFileSync(path.join(full, f), 'utf8'));
    }
    const onlyJson = await build('distributed-20-partial', { runsDir: FIXTURES, outputs: ['json', 'md'] });
    expect(
      Object.keys(onlyJson)
        .filter((k) => ['markdown', 'html', 'json', 'pr'].includes(k))
        .sort(),
    ).toEqual(['json', 'markdown']);
    expect(onlyJson.charts.length).toBeGreaterThan(0);
    expect(onlyJson.charts.map((c) => [c.svg, c.error])).toEqual(
      onlyJson.charts.map(() => [null, undefined]),
    );
    // @ts-expect-error html was not asked for, so the result has no such field
    expect(onlyJson.html).toBeUndefined();
  });

  it('--format takes a comma-separated list too', async () => {
    const out = path.join(tmp, 'comma');
    const r = await cli(['build', 'single-node-20', '--runs', FIXTURES, '--out', out, '--format', 'json,pr']);
    expect(r.code).toBe(0);
    expect(files(out)).toEqual(['report.pr.md', 'summary.json']);
  });

  it('rejects an unknown --format', async () => {
    const r = await cli([
      'build',
      'single-node-20',
      '--runs',
      FIXTURES,
      '--out',
      path.join(tmp, 'bad'),
      '--format',
      'pdf',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pdf/);
  });

  it('a broken --template exits 1 naming the template file and line', async () => {
    const tpl = mkdtempSync(path.join(tmp, 'tpl-'));
    writeFileSync(path.join(tpl, 'report.html.njk'), '<p>\n{{ title }\n</p>\n');
    const r = await cli([
      'build',
      'single-node-20',
      '--runs',
      FIXTURES,
      '--out',
      path.join(tmp, 'tpl-out'),
      '--template',
      tpl,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(tpl, 'report.html.njk')}:2:`);
  });

  it('the same inputs give byte-identical files, charts included', async () => {
    const runs: [string, string[]][] = [
      ['single-node-20', []],
      ['distributed-20', []],
      ['distributed-20-partial', []],
    ];
    for (const [id] of runs) {
      const a = path.join(tmp, `det-a-${id}`);
      const b = path.join(tmp, `det-b-${id}`);
      expect(
        (await cli(['build', id, '--runs', FIXTURES, '--out', a, '--format', 'md', 'html', 'json', 'pr']))
          .code,
      ).toBe(0);
      expect(
        (await cli(['build', id, '--runs', FIXTURES, '--out', b, '--format', 'md', 'html', 'json', 'pr']))
          .code,
      ).toBe(0);
      expect(files(a)).toEqual(files(b));
      for (const f of files(a))
        expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), `${id}/${f}`).toBe(true);
    }
  });

  it('a separate process in another time zone and locale writes the same bytes', async () => {
    const a = path.join(tmp, 'tz-a');
    const b = path.join(tmp, 'tz-b');
    const args = [
      'build',
      'distributed-20-partial',
      '--runs',
      FIXTURES,
      '--format',
      'md',
      'html',
      'json',
      'pr',
      '-q',
    ];
    expect((await cli([...args, '--out', a])).code).toBe(0);
    // Same working directory as the in-process run: input paths in the report are relative to it.
    execFileSync(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src', 'cli', 'bin.ts'), ...args, '--out', b],
      {
        cwd: tmp,
        env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
        timeout: 60_000,
      },
    );
    expect(files(b)).toEqual(files(a));
    for (const f of files(a))
      expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), f).toBe(true);
  });
});
