// `bench-report init DIR`: drafts DIR/run.yaml from the data and logs in DIR; never overwrites.
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { draftManifest, draftYaml, existingManifest } from '../../draft.js';
import { InputError } from '../../model/errors.js';
import type { CliIO } from '../io.js';

export function initCommand(io: CliIO, _setExit: (code: number) => void): Command {
  return new Command('init')
    .description('Draft a run.yaml for a directory of metrics and logs (roles are marked as guesses)')
    .argument('<dir>', 'run directory holding metrics files (e.g. metrics-<host>.csv) and logs')
    .addHelpText(
      'after',
      '\nExamples:\n  $ bench-report init runs/2025-06-22-two-nodes   # the folder the harness left: metrics-<host>.csv and logs\n',
    )
    .action(async (dirArg: string) => {
      const dir = path.resolve(io.cwd, dirArg);
      const shown = path.relative(io.cwd, dir) || '.';
      if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new InputError('not a directory', shown);
      const existing = await existingManifest(dir);
      if (existing)
        throw new InputError(
          `a manifest already exists (${path.basename(existing)}); init never overwrites one`,
          path.relative(io.cwd, existing),
        );
      const draft = await draftManifest(dir);
      const out = path.join(dir, 'run.yaml');
      // flag "wx": fail rather than overwrite if a manifest appeared meanwhile.
      await writeFile(out, draftYaml(draft), { flag: 'wx' });
      io.stdout(`${path.relative(io.cwd, out)}\n`);
      io.stderr(
        `drafted ${draft.nodes.length} node(s), ${draft.metrics.length} metrics file(s), ${draft.logs.length} log(s); check the lines marked GUESS\n`,
      );
    });
}
