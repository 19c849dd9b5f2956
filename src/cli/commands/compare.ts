// `bench-report compare BASE CAND`: a baseline run (or group of repeated runs) against a candidate;
// writes report.md, report.html and comparison.json; --fail-on gates exit 2 for CI.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
// pipeline-compare (and its renderers) loads when the command runs, not with every command.
import { DEFAULT_THRESHOLD, parseThreshold, trippedComparisonGates } from '../comparison-gates.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { writeAtomicAll } from '../write.js';

/** Gates `compare` understands. */
export const COMPARE_GATES = {
  regression: 'a metric regressed beyond the noise by at least --threshold',
  incomplete: 'a compared run is not complete',
  unverified: "a run's load generator was saturated or its saturation not checked",
} as const;

interface CompareFlags {
  runs?: string;
  out?: string;
  failOn?: string[];
  threshold?: string;
  alpha?: string;
  seed?: string;
  resamples?: string;
  saturationCpu?: string;
  saturationMemory?: string;
  quiet?: boolean;
}

function positive(name: string, text: string, integer: boolean): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v)))
    throw new CommanderError(
      EXIT.input,
      'bench-report.badOption',
      `error: ${name} "${text}": expected a positive ${integer ? 'whole number' : 'number'}`,
    );
  return v;
}

export function compareCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('compare')
    .description('Compare a baseline run or group of repeated runs with a candidate')
    .argument('<base>', 'baseline: run id (under --runs), run directory, or group name (group:NAME to force)')
    .argument('<cand>', 'candidate: run id, run directory, or group name')
    .option('--runs <dir>', 'folder holding run directories', 'runs')
    .option('--out <dir>', 'output folder (default reports/compare/<base>--<cand>)')
    .addOption(
      new Option(
        '--fail-on <gate...>',
        `exit 2 when a gate trips: ${Object.entries(COMPARE_GATES)
          .map(([k, v]) => `${k} (${v})`)
          .join('; ')}`,
      ),
    )
    .option(
      '--threshold <pct>',
      'smallest regression (relative to the baseline) that trips --fail-on regression',
      `${DEFAULT_THRESHOLD * 100}%`,
    )
    .option('--alpha <p>', 'significance level of the U-test for repeated runs', '0.05')
    .option('--seed <n>', 'seed of the block bootstrap (same seed, same intervals)', '1')
    .option('--resamples <n>', 'bootstrap resamples', '1000')
    .option('--saturation-cpu <pct>', 'bot-node mean CPU % above which the load generator is saturated', '85')
    .option('--saturation-memory <pct>', 'bot-node mean memory % above which it is saturated', '95')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report compare rep-base-1 rep-cand-1 --runs fixtures/runs
  $ bench-report compare rep-base rep-cand --runs fixtures/runs --fail-on regression --threshold 5%`,
    )
    .action(async (baseRef: string, candRef: string, flags: CompareFlags) => {
      const gates: string[] = [];
      for (const g of flags.failOn ?? []) {
        if (!Object.hasOwn(COMPARE_GATES, g))
          throw new CommanderError(
            EXIT.input,
            'bench-report.badGate',
            `error: unknown --fail-on gate "${g}"; known: ${Object.keys(COMPARE_GATES).join(', ')}`,
          );
        gates.push(g);
      }
      const threshold = parseThreshold(flags.threshold ?? '5%');
      const alpha = positive('--alpha', flags.alpha ?? '0.05', false);
      if (alpha >= 1)
        throw new CommanderError(
          EXIT.input,
          'bench-report.badOption',
          `error: --alpha "${flags.alpha}": expected a number between 0 and 1`,
        );
      const seed = positive('--seed', flags.seed ?? '1', true);
      const resamples = positive('--resamples', flags.resamples ?? '1000', true);
      const runsDir = path.resolve(io.cwd, flags.runs ?? 'runs');
      const safe = (s: string) => s.replace(/^group:/, '').replace(/[^A-Za-z0-9._-]+/g, '_');
      const outDir = path.resolve(
        io.cwd,
        flags.out ??
          path.join('reports', 'compare', `${safe(path.basename(baseRef))}--${safe(path.basename(candRef))}`),
      );
      const saturation = {
        cpu: positive('--saturation-cpu', flags.saturationCpu ?? '85', false),
        memory: positive('--saturation-memory', flags.saturationMemory ?? '95', false),
      };
      const { compareRefs } = await import('../../pipeline-compare.js');
      const result = await compareRefs(baseRef, candRef, {
        runsDir,
        cwd: io.cwd,
        alpha,
        bootstrap: { seed, resamples },
        saturation,
      });
      const files = [
        { file: 'report.md', content: result.markdown },
        { file: 'report.html', content: result.html },
        { file: 'comparison.json', content: result.json },
        // The charts' vega-lite specs beside the report, as build writes them.
        ...result.charts.map((c) => ({ file: c.file, content: c.specJson })),
      ];
      await writeAtomicAll(files.map((f) => ({ file: path.join(outDir, f.file), content: f.content })));
      if (!flags.quiet) {
        const rel = path.relative(io.cwd, outDir) || '.';
        io.stderr(`${result.report.verdict.headline}\n`);
        for (const w of result.comparison.warnings) io.stderr(`warning: ${w.message}\n`);
        for (const c of result.charts) if (c.error) io.stderr(`warning: ${c.error}\n`);
        io.stdout(files.map((f) => `${path.join(rel, f.file)}\n`).join(''));
      }
      const tripped = trippedComparisonGates(result.comparison, gates, threshold);
      if (tripped.length > 0) {
        for (const t of tripped) io.stderr(`gate tripped: ${t}\n`);
        setExit(EXIT.gate);
      }
    });
}
