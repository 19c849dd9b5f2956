// `npm run bench`: generates runs of growing size, then times, on the same files, the end-to-end
// `bench-report build`, the bare line-reader floor and (for CSV) DuckDB, each in a fresh process.
// Median of several repetitions; writes the table and the target checks to bench/results.md.
// Usage: npm run bench -- [--sizes 1e4,1e5,1e6,1e7] [--reps 3] [--large-reps 3] [--formats lp,csv] [--out FILE]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchFormat, generateRun } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dataDir = path.join(here, 'data');

interface Args {
  sizes: number[];
  reps: number;
  /** Repetitions for runs of 10^7 lines and more (minutes each). */
  largeReps: number;
  formats: BenchFormat[];
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    sizes: [1e4, 1e5, 1e6, 1e7],
    reps: 3,
    largeReps: 3,
    formats: ['lp', 'csv'],
    out: path.join(here, 'results.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1] ?? '';
    if (argv[i] === '--sizes') args.sizes = v.split(',').map(Number);
    else if (argv[i] === '--reps') args.reps = Number(v);
    else if (argv[i] === '--large-reps') args.largeReps = Number(v);
    else if (argv[i] === '--formats') args.formats = v.split(',') as BenchFormat[];
    else if (argv[i] === '--out') args.out = path.resolve(v);
    else continue;
    i++;
  }
  if (args.sizes.some((s) => !(s >= 1)) || !(args.reps >= 1) || !(args.largeReps >= 1))
    throw new Error('bad --sizes or --reps');
  return args;
}

interface Sample {
  seconds: number;
  cpuSeconds: number;
  rssMiB: number;
}

/** Runs one node process with the RSS hook preloaded; wall time includes process start-up. */
function measure(args: string[], env: Record<string, string> = {}): Promise<Sample> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-rss-'));
  const rssFile = path.join(tmp, 'rss');
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', path.join(here, 'rss-hook.cjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}`));
      const [rssKiB, cpuMicros] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
      rmSync(tmp, { recursive: true, force: true });
      resolve({ seconds, cpuSeconds: cpuMicros! / 1e6, rssMiB: rssKiB! / 1024 });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Row {
  size: number;
  format: BenchFormat;
  tool: 'floor' | 'build' | 'build-1t' | 'build-cold' | 'build-md' | 'duckdb';
  lines: number;
  mbytes: number;
  seconds: number;
  cpuSeconds: number;
  rssMiB: number;
  htmlKiB?: number;
}

const fmt = (x: number, d = 2) => x.toFixed(d);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  process.stderr.write('building dist/ ...\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  // The command as installed: the package bin, i.e. the bundled CLI (scripts/bundle-cli.mjs).
  const bin = path.join(root, 'dist', 'cli-bundle', 'bench-report.js');
  // The builds' V8 code cache for the chart renderer (README: BENCH_REPORT_CACHE_DIR), in a folder
  // of this run's own; one unmeasured build fills it, as a user's first build does.
  const codeCache = mkdtempSync(path.join(os.tmpdir(), 'bench-code-cache-'));
  process.env.BENCH_REPORT_CACHE_DIR = codeCache;
  let cacheWarm = false;
  const rows: Row[] = [];
  for (const size of args.sizes) {
    for (const format of args.formats) {
      process.stderr.write(`generating ${format} ${size} ...\n`);
      const run = await generateRun(dataDir, format, size);
      const metrics = path.join(run.dir, 'metrics');
      const files = readdirSync(metrics)
        .sort()
        .map((f) => path.join(metrics, f));
      const mbytes = files.reduce((a, f) => a + statSync(f).size, 0) / 1e6;
      const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-out-'));
      const mdDir = mkdtempSync(path.join(os.tmpdir(), 'bench-out-md-'));
      const tasks: Record<string, string[]> = {
        floor: [path.join(here, 'floor.mjs'), ...files],
        build: [bin, 'build', run.id, '--runs', dataDir, '--out', outDir, '-q'],
        // The same build reading its files one by one on the main thread: what the worker threads buy.
        'build-1t': [bin, 'build', run.id, '--runs', dataDir, '--out', outDir, '-q', '--threads', 'off'],
        // The same build as a user's first: no code cache, vega's code compiled from scratch.
        'build-cold': [bin, 'build', run.id, '--runs', dataDir, '--out', outDir, '-q'],
        // Markdown and summary.json only, as for a pull-request comment: no HTML, so no chart drawn.
        'build-md': [bin, 'build', run.id, '--runs', dataDir, '--out', mdDir, '-q', '--format', 'md,json'],
      };
      const envOf: Record<string, Record<string, string>> = {
        'build-cold': { BENCH_REPORT_CACHE_DIR: 'off' },
      };
      if (!cacheWarm) {
        await measure(tasks.build!);
        cacheWarm = true;
      }
      if (format === 'csv') tasks.duckdb = [path.join(here, 'duckdb.mjs'), run.dir];
      const samples: Record<string, Sample[]> = {};
      const reps = size >= 1e7 ? args.largeReps : args.reps;
      for (let r = 0; r < reps; r++) {
        for (const [tool, argv] of Object.entries(tasks)) {
          const s = await measure(argv, envOf[tool]);
          samples[tool] ??= [];
          samples[tool].push(s);
          process.stderr.write(
            `  ${format} ${size} ${tool} rep ${r + 1}: ${fmt(s.seconds)} s (cpu ${fmt(s.cpuSeconds)} s), ${fmt(s.rssMiB, 0)} MiB\n`,
          );
        }
      }
      const htmlKiB = statSync(path.join(outDir, 'report.html')).size / 1024;
      rmSync(outDir, { recursive: true, force: true });
      rmSync(mdDir, { recursive: true, force: true });
      for (const [tool, ss] of Object.entries(samples)) {
        rows.push({
          size,
          format,
          tool: tool as Row['tool'],
          lines: run.shape.lines,
          mbytes,
          seconds: median(ss.map((s) => s.seconds)),
          cpuSeconds: median(ss.map((s) => s.cpuSeconds)),
          rssMiB: median(ss.map((s) => s.rssMiB)),
          ...(tool.startsWith('build') && tool !== 'build-md' ? { htmlKiB } : {}),
        });
      }
    }
  }
  rmSync(codeCache, { recursive: true, force: true });
  writeFileSync(args.out, renderResults(rows, args));
  // The project's formatter aligns Markdown tables; keep the committed file as it would leave it.
  try {
    execFileSync('npx', ['biome', 'format', '--write', args.out], { cwd: root, stdio: 'ignore' });
  } catch {
    // formatting is cosmetic
  }
  process.stderr.write(`wrote ${path.relative(process.cwd(), args.out)}\n`);
}

/** `wall ratio / cpu ratio` of a to b. */
function ratios(a: Row, b: Row): string {
  return `${fmt(a.seconds / b.seconds)} / ${fmt(a.cpuSeconds / b.cpuSeconds)}`;
}

function renderResults(rows: Row[], args: Args): string {
  const find = (size: number, format: BenchFormat, tool: Row['tool']) =>
    rows.find((r) => r.size === size && r.format === format && r.tool === tool);
  const out: string[] = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench -- --sizes ${args.sizes.map((s) => s.toExponential().replace('+', '')).join(',')} --reps ${args.reps} --large-reps ${args.largeReps}\``,
    `on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${os.platform()}.`,
    `Median of ${args.reps} repetitions (${args.largeReps} from 10^7 lines); every figure is one fresh process, start-up included;`,
    'cpu s = user + system CPU time of that process (steadier than wall time on a shared machine).',
    `Load average (1 min) when the run ended: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; wall times are only as steady as that allows.`,
    'floor = bare streaming line reader (`bench/floor.mjs`, one thread); build = `bench-report build` end to end',
    '(summary.json, report.md, report.html), input files read on worker threads (`--threads auto`: one per core),',
    "with the chart renderer's V8 code cache warm, as every build after a user's first finds it (README: `BENCH_REPORT_CACHE_DIR`);",
    'build-1t = the same with `--threads off` (one thread); build-cold = build neither reading nor writing the code cache',
    "(a user's first build, less the 0–50 ms it spends writing the cache at exit); build-md = build with `--format md,json`",
    '(report.md and summary.json, as for a pull-request comment: no HTML, so no chart is drawn and vega is not loaded);',
    "duckdb = `bench/duckdb.mjs` (same per-host statistics from the CSV, DuckDB's own threads).",
    '',
    '| lines | format | tool | MB | wall s | cpu s | lines/s | peak RSS MiB | × floor (wall / cpu) | × DuckDB (wall / cpu) | HTML KiB |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const floor = find(r.size, r.format, 'floor');
    const duck = find(r.size, 'csv', 'duckdb');
    const vsDuck = r.format === 'csv' && duck && r.tool.startsWith('build') ? ratios(r, duck) : '';
    out.push(
      `| ${r.lines} | ${r.format} | ${r.tool} | ${fmt(r.mbytes, 1)} | ${fmt(r.seconds)} | ${fmt(r.cpuSeconds)} | ${Math.round(r.lines / r.seconds)} | ${fmt(r.rssMiB, 0)} | ${floor ? ratios(r, floor) : ''} | ${vsDuck} | ${r.htmlKiB !== undefined ? fmt(r.htmlKiB, 0) : ''} |`,
    );
  }
  out.push('', '## Targets (checked on the figures above)', '');
  const check = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
  const lp6 = find(1e6, 'lp', 'build');
  const lpFloor6 = find(1e6, 'lp', 'floor');
  const csv6 = find(1e6, 'csv', 'build');
  const duck6 = find(1e6, 'csv', 'duckdb');
  out.push(
    `- Line protocol, 10^6 lines, build ≤ 1.5 × floor: ${lp6 && lpFloor6 ? `wall ${fmt(lp6.seconds / lpFloor6.seconds)} × — ${check(lp6.seconds <= 1.5 * lpFloor6.seconds)}; cpu ${fmt(lp6.cpuSeconds / lpFloor6.cpuSeconds)} × — ${check(lp6.cpuSeconds <= 1.5 * lpFloor6.cpuSeconds)}` : 'not measured'}`,
  );
  out.push(
    `- CSV, 10^6 lines, build no slower than DuckDB: ${csv6 && duck6 ? `wall ${fmt(csv6.seconds / duck6.seconds)} × — ${check(csv6.seconds <= duck6.seconds)}; cpu ${fmt(csv6.cpuSeconds / duck6.cpuSeconds)} × — ${check(csv6.cpuSeconds <= duck6.cpuSeconds)}` : 'not measured'}`,
  );
  const builds = rows.filter((r) => r.tool.startsWith('build'));
  const big = builds.filter((r) => r.size >= 1e6);
  out.push(
    `- Peak RSS of build < 300 MiB from 10^6 lines: ${big.length ? `max ${fmt(Math.max(...big.map((r) => r.rssMiB)), 0)} MiB — ${check(big.every((r) => r.rssMiB < 300))}` : 'not measured'}`,
  );
  for (const format of args.formats) {
    const a = find(1e6, format, 'build');
    const b = find(1e7, format, 'build');
    out.push(
      `- Peak RSS flat from 10^6 to 10^7 (${format}): ${a && b ? `${fmt(a.rssMiB, 0)} → ${fmt(b.rssMiB, 0)} MiB (${fmt(b.rssMiB / a.rssMiB)} ×)` : 'not measured'}`,
    );
  }
  out.push(
    `- HTML report < 2 MB at every size: ${builds.length ? `max ${fmt(Math.max(...builds.map((r) => r.htmlKiB ?? 0)), 0)} KiB — ${check(builds.every((r) => (r.htmlKiB ?? 0) * 1024 < 2e6))}` : 'not measured'}`,
  );
  out.push('');
  return `${out.join('\n')}\n`;
}

await main();
