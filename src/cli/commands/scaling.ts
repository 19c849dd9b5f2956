// `bench-report scaling RUN...`: server CPU and memory against total bots across runs, with a
// least-squares fit; writes report.md, report.html and scaling.json.
import path from 'node:path';
import { Command, CommanderError } from 'commander';
// pipeline-compare (and its renderers) loads when the command runs, not with every command.
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { writeAtomicAll } from '../write.js';

interface ScalingFlags {
  runs?: string;
  glob?: string[];
  out?: string;
  predict?: string[];
  saturationCpu?: string;
  saturationMemory?: string;
  quiet?: boolean;
}

export function scalingCommand(io: CliIO, _setExit: (code: number) => void): Command {
  return new Command('scaling')
    .description('Fit server CPU and memory against total bots across runs')
    .argument('[run...]', 'run ids (under --runs), run directories, or globs of run directories')
    .option(
      '--runs <dir|glob>',
      'folder holding run directories, or a glob of run directories (e.g. "runs/scaling-*")',
      'runs',
    )
    .option('--glob <pattern...>', 'glob(s) of run directories, e.g. "runs/scaling-*"')
    .option('--out <dir>', 'output folder (default reports/scaling)')
    .option(
      '--predict <bots...>',
      'also give model values at these bot totals (labelled as model, never measured)',
    )
    .option('--saturation-cpu <pct>', 'bot-node mean CPU % above which a run is excluded as saturated', '85')
    .option(
      '--saturation-memory <pct>',
      'bot-node mean memory % above which a run is excluded as saturated',
      '95',
    )
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report scaling --runs "fixtures/runs/scaling-*"
  $ bench-report scaling scaling-10 scaling-50 scaling-100 --runs fixtures/runs --predict 200`,
    )
    .action(async (refs: string[], flags: ScalingFlags) => {
      // `--runs` with glob characters selects the runs itself (the issue's `--runs` glob form).
      const runsIsGlob = /[*?[\]{}]/.test(flags.runs ?? '');
      const all = [...refs, ...(flags.glob ?? []), ...(runsIsGlob ? [flags.runs!] : [])];
      if (all.length === 0)
        throw new CommanderError(
          EXIT.input,
          'bench-report.noRuns',
          'error: give at least one run or --glob pattern',
        );
      const predict = (flags.predict ?? []).map((p) => {
        const v = Number(p);
        if (!Number.isFinite(v) || v < 0)
          throw new CommanderError(
            EXIT.input,
            'bench-report.badOption',
            `error: --predict "${p}": expected a bot count`,
          );
        return v;
      });
      const runsDir = path.resolve(io.cwd, runsIsGlob ? 'runs' : (flags.runs ?? 'runs'));
      const outDir = path.resolve(io.cwd, flags.out ?? path.join('reports', 'scaling'));
      const pct = (name: string, text: string) => {
        const v = Number(text);
        if (!Number.isFinite(v) || v <= 0 || v > 100)
          throw new CommanderError(
            EXIT.input,
            'bench-report.badOption',
            `error: ${name} "${text}": expected a percentage`,
          );
        return v;
      };
      const saturation = {
        cpu: pct('--saturation-cpu', flags.saturationCpu ?? '85'),
        memory: pct('--saturation-memory', flags.saturationMemory ?? '95'),
      };
      const { scalingRefs } = await import('../../pipeline-compare.js');
      const result = await scalingRefs(all, { runsDir, cwd: io.cwd, predict, saturation });
      const files = [
        { file: 'report.md', content: result.markdown },
        { file: 'report.html', content: result.html },
        { file: 'scaling.json', content: result.json },
        // The charts' vega-lite specs beside the report, as build writes them.
        ...result.charts.map((c) => ({ file: c.file, content: c.specJson })),
      ];
      await writeAtomicAll(files.map((f) => ({ file: path.join(outDir, f.file), content: f.content })));
      if (!flags.quiet) {
        const rel = path.relative(io.cwd, outDir) || '.';
        io.stderr(`${result.report.verdict.headline}\n`);
        for (const e of result.scaling.excluded) io.stderr(`excluded: ${e.id}: ${e.reason}\n`);
        for (const c of result.charts) if (c.error) io.stderr(`warning: ${c.error}\n`);
        io.stdout(files.map((f) => `${path.join(rel, f.file)}\n`).join(''));
      }
    });
}
