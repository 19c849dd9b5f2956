// `bench-report build`: one run in, report.md + report.html + summary.json out.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../../model/errors.js';
import { build } from '../../pipeline.js';
import { EXIT } from '../exit.js';
import { GATES, type Gate, isGate, trippedGates } from '../gates.js';
import type { CliIO } from '../io.js';
import { parseThreshold, trippedComparisonGates } from '../comparison-gates.js';
import { writeAtomic, writeAtomicAll } from '../write.js';
import { paint, paintStatus } from '../color.js';
import { loadConfig } from '../config.js';
import { commentMarker, htmlLocation, prSizedMarkdown, writeGithub } from '../github.js';
import { readProgressBar } from '../progress.js';

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
}

export function buildCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('build')
    .description('Build report.md, report.html and summary.json for one run')
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
    .option('-q, --quiet', 'print nothing but errors (and draw no progress bar)')
    .option(
      '--github',
      'for GitHub Actions: append PR-sized Markdown to $GITHUB_STEP_SUMMARY, write report-pr.md and step outputs, print where the HTML is',
    )
    .option('--config <file>', 'config file (default bench-report.config.yaml, or $BENCH_REPORT_CONFIG)')
    .option('--queries <dir>', 'folder with influxql/ and flux/ query files replacing the bundled queries/')
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report build single-node-20 --runs fixtures/runs
  $ bench-report build fixtures/runs/distributed-20 --baseline single-node-20 --out reports/dist
  $ bench-report build distributed-20-partial --runs fixtures/runs --fail-on missing rejected
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
      const progress = readProgressBar(io, 'reading', flags.quiet);
      const result = await build(runRef, {
        runsDir,
        cwd: io.cwd,
        thresholds: config.thresholds,
        defaultSources: config.sources,
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
        ...(flags.baseline ? { baseline: flags.baseline } : {}),
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
      await writeAtomicAll([
        { file: path.join(outDir, 'report.md'), content: result.markdown },
        { file: path.join(outDir, 'report.html'), content: result.html },
        { file: path.join(outDir, 'summary.json'), content: result.json },
      ]);
      const rel = path.relative(io.cwd, outDir) || '.';
      if (flags.github) {
        // The full Markdown until a PR-sized renderer (`--format pr`) lands; prSizedMarkdown keeps it under GitHub's limit.
        const htmlPath = path.join(rel, 'report.html');
        const where = htmlLocation(io, htmlPath);
        const pr = `${commentMarker(result.summary.run.id)}\n${prSizedMarkdown(result.markdown, where)}`;
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
        io.stdout(
          `${path.join(rel, 'report.md')}\n${path.join(rel, 'report.html')}\n${path.join(rel, 'summary.json')}\n`,
        );
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
