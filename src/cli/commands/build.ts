// `bench-report build`: one run in, report.md + report.html + summary.json out.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../../model/errors.js';
import { build } from '../../pipeline.js';
import { EXIT } from '../exit.js';
import { GATES, type Gate, isGate, trippedGates } from '../gates.js';
import type { CliIO } from '../io.js';
import { writeAtomicAll } from '../write.js';

interface BuildFlags {
  runs?: string;
  out?: string;
  baseline?: string;
  failOn?: string[];
  quiet?: boolean;
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
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report build single-node-20 --runs fixtures/runs
  $ bench-report build fixtures/runs/distributed-20 --baseline single-node-20 --out reports/dist
  $ bench-report build my-run --fail-on missing rejected`,
    )
    .action(async (runRef: string, flags: BuildFlags) => {
      const gates: Gate[] = [];
      for (const g of flags.failOn ?? []) {
        if (!isGate(g))
          throw new CommanderError(
            EXIT.input,
            'bench-report.badGate',
            `error: unknown --fail-on gate "${g}"; known: ${Object.keys(GATES).join(', ')}`,
          );
        gates.push(g);
      }
      const runsDir = path.resolve(io.cwd, flags.runs ?? 'runs');
      const result = await build(runRef, {
        runsDir,
        cwd: io.cwd,
        ...(flags.baseline ? { baseline: flags.baseline } : {}),
      });
      const outDir = path.resolve(io.cwd, flags.out ?? path.join('reports', result.summary.run.id));
      // A report inside the run's folder could be read back as input by a glob; only --out may put it there.
      const rel = path.relative(result.spec.dir, outDir);
      if (!flags.out && !rel.startsWith('..') && !path.isAbsolute(rel))
        throw new InputError(
          `the default output folder ${path.relative(io.cwd, outDir) || '.'} is inside the run directory; pass --out DIR`,
        );
      await writeAtomicAll([
        { file: path.join(outDir, 'report.md'), content: result.markdown },
        { file: path.join(outDir, 'report.html'), content: result.html },
        { file: path.join(outDir, 'summary.json'), content: result.json },
      ]);
      if (!flags.quiet) {
        const rel = path.relative(io.cwd, outDir) || '.';
        io.stderr(`${result.summary.run.id}: ${result.report.verdict.headline}\n`);
        io.stdout(
          `${path.join(rel, 'report.md')}\n${path.join(rel, 'report.html')}\n${path.join(rel, 'summary.json')}\n`,
        );
      }
      const tripped = trippedGates(result.summary, gates);
      if (tripped.length > 0) {
        for (const t of tripped) io.stderr(`gate tripped: ${t}\n`);
        setExit(EXIT.gate);
      }
    });
}
