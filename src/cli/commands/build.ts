// `bench-report build`: one run in, report.md + report.html + summary.json out.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { build } from '../../pipeline.js';
import { EXIT } from '../exit.js';
import { GATES, type Gate, isGate, trippedGates } from '../gates.js';
import type { CliIO } from '../io.js';
import { writeAtomic } from '../write.js';

interface BuildFlags {
  runs?: string;
  out?: string;
  baseline?: string;
  failOn?: string[];
  quiet?: boolean;
  format?: string[];
  template?: string;
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
    .addOption(
      new Option(
        '--format <format...>',
        'outputs to write, space- or comma-separated: md, html, json, pr (a pull-request comment, report.pr.md)',
      )
        .argParser(parseFormats)
        .default(DEFAULT_FORMATS, 'md html json'),
    )
    .option('--template <dir>', 'report templates folder overriding report-templates/ file by file')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  $ bench-report build single-node-20 --runs fixtures/runs
  $ bench-report build fixtures/runs/distributed-20 --baseline single-node-20 --out reports/dist
  $ bench-report build my-run --fail-on missing rejected
  $ bench-report build single-node-20 --runs fixtures/runs --format pr --template my-templates`,
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
        ...(flags.template ? { templateDir: path.resolve(io.cwd, flags.template) } : {}),
      });
      const formats = [...new Set(flags.format ?? ['md', 'html', 'json'])] as Format[];
      const content: Record<Format, string> = {
        md: result.markdown,
        html: result.html,
        json: result.json,
        pr: result.pr,
      };
      const outDir = path.resolve(io.cwd, flags.out ?? path.join('reports', result.summary.run.id));
      const written: string[] = [];
      for (const f of (Object.keys(FORMAT_FILES) as Format[]).filter((x) => formats.includes(x))) {
        await writeAtomic(path.join(outDir, FORMAT_FILES[f]), content[f]);
        written.push(FORMAT_FILES[f]);
      }
      if (formats.includes('md') || formats.includes('html')) {
        for (const c of result.charts) {
          await writeAtomic(path.join(outDir, c.file), c.specJson);
          written.push(c.file);
        }
      }
      if (!flags.quiet) {
        const rel = path.relative(io.cwd, outDir) || '.';
        io.stderr(`${result.summary.run.id}: ${result.report.verdict.headline}\n`);
        for (const c of result.charts) if (c.error) io.stderr(`warning: ${c.error}\n`);
        io.stdout(written.map((w) => `${path.join(rel, w)}\n`).join(''));
      }
      const tripped = trippedGates(result.summary, gates);
      if (tripped.length > 0) {
        for (const t of tripped) io.stderr(`gate tripped: ${t}\n`);
        setExit(EXIT.gate);
      }
    });
}
