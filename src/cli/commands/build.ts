// `bench-report build`: one run in, report.md + report.html + summary.json (and chart specs) out.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { ParallelOption } from '../../metrics/parallel-read.js';
import { InputError } from '../../model/errors.js';
import { build } from '../../pipeline.js';
import { paint, paintStatus } from '../color.js';
import { parseThreshold, trippedComparisonGates } from '../comparison-gates.js';
import { loadConfig } from '../config.js';
import { EXIT } from '../exit.js';
import { GATES, type Gate, isGate, trippedGates } from '../gates.js';
import { commentMarker, htmlLocation, prSizedMarkdown, writeGithub } from '../github.js';
import type { CliIO } from '../io.js';
import { readProgressBar } from '../progress.js';
import { writeAtomic, writeAtomicAll } from '../write.js';

interface BuildFlags {
  runs?: string;
  out?: string;
  baseline?: string;
  failOn?: string[];
  threshold?: string;
  quiet?: boolean;
  queries?: string;
  github?: boolean;
  config?: string;
  format?: string[];
  template?: string;
  threads?: ParallelOption;
}

/** `--threads auto|off|N`. */
function parseThreads(value: string): ParallelOption {
  if (value === 'auto' || value === 'off') return value;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n <= 256) return n;
  throw new CommanderError(
    EXIT.input,
    'bench-report.badThreads',
    `error: --threads takes auto, off or a number of threads (0-256), not "${value}"`,
  );
}

/** Output formats and the file each writes; `md` and `html` also write the charts' `.vl.json`. */
const FORMAT_FILES = {
  md: 'report.md',
  html: 'report.html',
  json: 'summary.json',
  pr: 'report.pr.md',
} as const;
type Format = keyof typeof FORMAT_FILES;

const DEFAULT_FORMATS = ['md', 'html', 'json'];

/** Accumulates `--format md,pr html` into a list; the default is replaced, not extended. */
function parseFormats(value: string, previous: string[]): string[] {
  const known = Object.keys(FORMAT_FILES);
  const listed = value.split(',').filter(Boolean);
  for (const f of listed)
    if (!known.includes(f))
      throw new CommanderError(
        EXIT.input,
        'bench-report.badFormat',
        `error: unknown --format "${f}"; known: ${known.join(', ')}`,
      );
  return [...(previous === DEFAULT_FORMATS ? [] : previous), ...listed];
}

export function buildCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('build')
    .description('Build report.md, report.html and summary.json (and the charts as .vl.json) for one run')
    .argument('<run>', 'run id (a folder under --runs) or a run directory or manifest file')
    .option('--runs <dir>', 'folder holding run directories', 'runs')
    .option('--out <dir>', 'output folder (default reports/<run-id>)')
    .option('--baseline <id>', 'compare with this run (id under --runs, or a path); overrides the manifest')
    .addOption(
      new Option(
        '--fail-on <gate...>',
        `exit 2 when a gate trips: ${Object.entries(GATES)
          .map(([k, v]) => `${k} (${v})`)
          .join('; ')}`,
      ),
    )
    .option('--threshold <pct>', 'smallest regression that trips --fail-on regression', '5%')
    .addOption(
      new Option(
        '--format <format...>',
        'outputs to write, space- or comma-separated: md, html, json, pr (a pull-request comment, report.pr.md)',
      )
        .argParser(parseFormats)
        .default(DEFAULT_FORMATS, 'md html json'),
    )
    .option('--template <dir>', 'report templates folder overriding report-templates/ file by file')
    .option('-q, --quiet', 'print nothing but errors (and draw no progress bar)')
    .option(
      '--github',
      'for GitHub Actions: append the PR-sized Markdown to $GITHUB_STEP_SUMMARY, write report-pr.md and step outputs, print where the HTML is',
    )
    .option('--config <file>', 'config file (default bench-report.config.yaml, or $BENCH_REPORT_CONFIG)')
    .option('--queries <dir>', 'folder with influxql/ and flux/ query files replacing the bundled queries/')
    .addOption(
      new Option(
        '--threads <n>',
        'read input files on this many threads (the main one and workers): auto (one per core when there are several files and 64 MiB or more), off, or a number; the report is the same either way',
      ).argParser(parseThreads),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report build single-node-20 --runs fixtures/runs
  $ bench-report build fixtures/runs/distributed-20 --baseline single-node-20 --out reports/dist
  $ bench-report build distributed-20-partial --runs fixtures/runs --fail-on missing rejected
  $ bench-report build single-node-20 --runs fixtures/runs --format pr --template report-templates
  $ bench-report build single-node-20 --runs fixtures/runs --github

Defaults for --runs, --out (parent folder), --fail-on, thresholds and InfluxDB sources come from
bench-report.config.yaml when present; credentials only from INFLUX_TOKEN / INFLUX_USERNAME + INFLUX_PASSWORD.`,
    )
    .action(async (runRef: string, flags: BuildFlags, cmd: Command) => {
      const config = await loadConfig(io, flags.config);
      const runsFromFlag = cmd.getOptionValueSource('runs') === 'cli';
      const gates: Gate[] = [];
      for (const g of flags.failOn ?? config.failOn) {
        if (!isGate(g))
          throw new CommanderError(
            EXIT.input,
            'bench-report.badGate',
            `error: unknown --fail-on gate "${g}"; known: ${Object.keys(GATES).join(', ')}`,
          );
        gates.push(g);
      }
      const threshold = parseThreshold(flags.threshold ?? '5%');
      const runsDir = path.resolve(io.cwd, runsFromFlag ? flags.runs! : config.runs);
      const formats = [...new Set(flags.format ?? DEFAULT_FORMATS)] as Format[];
      // Only what is written is rendered: without html no chart is drawn (the slowest stage).
      const outputs = [...new Set<Format>([...formats, ...(flags.github ? (['pr'] as const) : [])])];
      const progress = readProgressBar(io, 'reading', flags.quiet);
      const result = await build(runRef, {
        outputs,
        runsDir,
        cwd: io.cwd,
        thresholds: config.thresholds,
        defaultSources: config.sources,
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
        ...(flags.baseline ? { baseline: flags.baseline } : {}),
        ...(flags.template ? { templateDir: path.resolve(io.cwd, flags.template) } : {}),
        ...(flags.threads !== undefined ? { parallel: flags.threads } : {}),
        remote: {
          env: io.env,
          ...(flags.queries ? { queriesDir: path.resolve(io.cwd, flags.queries) } : {}),
        },
      }).finally(() => progress.stop());
      const outDir = path.resolve(io.cwd, flags.out ?? path.join(config.out, result.summary.run.id));
      // A report inside the run's folder could be read back as input by a glob; only --out may put it there.
      const relToRun = path.relative(result.spec.dir, outDir);
      if (!flags.out && !relToRun.startsWith('..') && !path.isAbsolute(relToRun))
        throw new InputError(
          `the default output folder ${path.relative(io.cwd, outDir) || '.'} is inside the run directory; pass --out DIR`,
        );
      const content: Partial<Record<Format, string>> = {
        md: result.markdown,
        html: result.html,
        json: result.json,
        pr: result.pr,
      };
      const files: { file: string; content: string }[] = [];
      for (const f of (Object.keys(FORMAT_FILES) as Format[]).filter((x) => formats.includes(x)))
        files.push({ file: FORMAT_FILES[f], content: content[f]! });
      if (formats.includes('md') || formats.includes('html'))
        for (const c of result.charts) files.push({ file: c.file, content: c.specJson });
      await writeAtomicAll(files.map((f) => ({ file: path.join(outDir, f.file), content: f.content })));
      const rel = path.relative(io.cwd, outDir) || '.';
      if (flags.github) {
        const htmlPath = path.join(rel, 'report.html');
        const where = htmlLocation(io, htmlPath);
        // The PR-sized renderer summarises whole tables to fit; prSizedMarkdown is a last guard on the limit.
        const pr = `${commentMarker(result.summary.run.id)}\n${prSizedMarkdown(result.pr, where)}`;
        const prPath = path.join(rel, 'report-pr.md');
        await writeAtomic(path.join(outDir, 'report-pr.md'), pr);
        const { summaryFile } = await writeGithub(io, {
          runId: result.summary.run.id,
          status: result.summary.run.status,
          markdown: pr,
          htmlPath,
          mdPath: path.join(rel, 'report.md'),
          summaryPath: path.join(rel, 'summary.json'),
          prPath,
        });
        if (!flags.quiet)
          io.stderr(
            `${summaryFile ? 'step summary written to $GITHUB_STEP_SUMMARY' : 'GITHUB_STEP_SUMMARY is not set: no step summary written'}; full HTML report: ${where}\n`,
          );
      }
      if (!flags.quiet) {
        const p = paint(io);
        io.stderr(
          `${paintStatus(p, result.summary.run.id, result.summary.run.status)}: ${result.report.verdict.headline}\n`,
        );
        for (const c of result.charts) if (c.error) io.stderr(`warning: ${c.error}\n`);
        // Asked for by number, threads that could not start are worth a word (auto falls back quietly).
        if (typeof flags.threads === 'number' && result.read.threadsDeclined !== null)
          io.stderr(
            `warning: --threads ${flags.threads}: worker threads could not start (${result.read.threadsDeclined}); the files were read without them (same report, slower)\n`,
          );
        io.stdout(files.map((f) => `${path.join(rel, f.file)}\n`).join(''));
      }
      const tripped = trippedGates(result.summary, gates);
      if (result.comparison)
        tripped.push(
          ...trippedComparisonGates(result.comparison, gates, threshold).filter((t) =>
            t.startsWith('regression:'),
          ),
        );
      if (tripped.length > 0) {
        for (const t of tripped) io.stderr(`gate tripped: ${t}\n`);
        setExit(EXIT.gate);
      }
    });
}
