// Command-line manners: every command has --help with examples, every example shown there runs,
// and --version prints the package.json version.
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Captured, repoRoot, runCli, scratchWithFixtures } from '../helpers/cli.js';
import { makeDataset, seedInflux, writeRun } from '../helpers/influx-dataset.js';
import { haveInfluxd, type Influxd, startInfluxd } from '../helpers/influxd.js';

let scratch: Awaited<ReturnType<typeof scratchWithFixtures>>;
let influxd: Influxd | undefined;
beforeAll(async () => {
  scratch = await scratchWithFixtures();
  // The examples are written for a checkout of the repository: fixtures/runs and report-templates.
  await cp(path.join(repoRoot, 'report-templates'), path.join(scratch.dir, 'report-templates'), {
    recursive: true,
  });
});
afterAll(async () => {
  await influxd?.stop();
  await scratch.cleanup();
});

/** The arguments a POSIX shell would pass: quotes removed, a `#` comment dropped. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unbalanced ${c} in example: ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) break;
    else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

function examplesIn(help: string): string[][] {
  return help
    .split('\n')
    .filter((l) => l.trim().startsWith('$ bench-report'))
    .map((l) => shellWords(l.trim().slice(1)).slice(1));
}

/**
 * The world some examples are written for, made real in the scratch folder just before they run:
 * init drafts a manifest for a folder as the harness leaves it (metrics and logs, no manifest), and
 * check asks a live InfluxDB (here a private influxd holding the last ten minutes) whether the nodes
 * of `my-run` report. Returns false when that world cannot be made (no influxd on PATH).
 */
async function prepareFor(command: string): Promise<boolean> {
  if (command === 'init') {
    const src = path.join(scratch.dir, 'fixtures', 'runs', 'logs-18-of-20');
    const dst = path.join(scratch.dir, 'runs', '2025-06-22-two-nodes');
    await cp(path.join(src, 'metrics'), dst, { recursive: true });
    await cp(path.join(src, 'logs'), path.join(dst, 'logs'), { recursive: true });
  }
  if (command === 'check') {
    if (!haveInfluxd()) return false;
    influxd ??= await startInfluxd();
    // Ten minutes ending now, so every node's newest point is fresh for the check's clock.
    const now = Math.floor(Date.now() / 10_000) * 10_000;
    const data = makeDataset([{ host: 'luanti-server' }, { host: 'bots-1' }], {
      start: now - 600_000,
      minutes: 10,
      intervalSeconds: 10,
      seed: 7,
    });
    await seedInflux(influxd, 'bench', data);
    await writeRun(
      path.join(scratch.dir, 'runs'),
      'my-run',
      data,
      [
        { host: 'luanti-server', role: 'server' },
        { host: 'bots-1', role: 'bots', bots: 20 },
      ],
      { influxql: influxd.url, database: 'bench' },
    );
  }
  return true;
}

const commands = async (): Promise<string[]> => {
  const root = await runCli(['--help'], scratch.dir);
  const section = root.stdout.split('Commands:')[1] ?? '';
  return [...section.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
};

describe('--help', () => {
  it('lists build and ls, and every command help shows examples', async () => {
    const names = await commands();
    expect(names).toEqual(expect.arrayContaining(['build', 'ls']));
    for (const name of ['', ...names]) {
      const r = await runCli(name ? [name, '--help'] : ['--help'], scratch.dir);
      expect(r.code, name).toBe(0);
      expect(r.stdout, `${name || 'root'} --help`).toContain('Examples:');
      expect(examplesIn(r.stdout).length, `${name || 'root'} examples`).toBeGreaterThan(0);
    }
  });

  it('runs every example shown in every --help (exit 0, or 2 where a --fail-on gate is shown)', async () => {
    const names = await commands();
    const ran: string[] = [];
    for (const name of ['', ...names]) {
      const help = (await runCli(name ? [name, '--help'] : ['--help'], scratch.dir)).stdout;
      const examples = examplesIn(help);
      if (!(await prepareFor(name))) {
        console.warn(`influxd not on PATH: the ${examples.length} example(s) of ${name} --help were not run`);
        continue;
      }
      for (const argv of examples) {
        const r: Captured = await runCli(argv, scratch.dir);
        const allowed = argv.includes('--fail-on') ? [0, 2] : [0];
        expect(allowed, `bench-report ${argv.join(' ')}\n${r.stderr}`).toContain(r.code);
        ran.push(argv.join(' '));
      }
    }
    expect(ran.length).toBeGreaterThanOrEqual(6);
    // Every command's examples ran, not just the easy ones (check needs influxd, see prepareFor).
    const ranFor = new Set(ran.map((a) => a.split(' ')[0]));
    for (const name of names.filter((n) => n !== 'check' || haveInfluxd()))
      expect(ranFor, name).toContain(name);
  });
});

describe('--version', () => {
  it('prints the version in package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag], scratch.dir);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
  });
});
