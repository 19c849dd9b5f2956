// Packaging: `npm pack` holds compiled JS, types, the bin, queries/ and report-templates/ and nothing
// else; the tarball installs OFFLINE (`npm ci` from the npm cache, without devDependencies) into an empty
// project, whose `bench-report build` then writes the same report as the sources do.
import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline.js';
import { ensureBuilt, repoRoot } from '../helpers/dist.js';

const run = promisify(execFile);
const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  types: string;
  main: string;
  exports: Record<string, { types: string; import: string } | string>;
  overrides?: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const canUnshare = (() => {
  try {
    execFileSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let tmp: string;
let files: string[];
let project: string;
let installLog = '';

beforeAll(async () => {
  await ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-report-pack-'));
  // dist/ is current (ensureBuilt), so skip the prepack build rather than race other tests over dist/.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
    cwd: repoRoot,
  });
  const info = JSON.parse(stdout)[0] as { filename: string; integrity: string; files: { path: string }[] };

  files = info.files.map((f) => f.path).sort();

  project = path.join(tmp, 'project');
  await cp(
    path.join(repoRoot, 'fixtures', 'runs', 'distributed-20-partial'),
    path.join(project, 'runs', 'distributed-20-partial'),
    {
      recursive: true,
    },
  );
  await cp(
    path.join(repoRoot, 'fixtures', 'runs', 'single-node-20'),
    path.join(project, 'runs', 'single-node-20'),
    {
      recursive: true,
    },
  );
  // A user's project needs the same override as ours (see README: arquero's flechette pin).
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({
      name: 'uses-bench-report',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies: { [pkg.name]: `file:../${info.filename}` },
      overrides: pkg.overrides,
    }),
  );
  // The project's lockfile pins the tarball and our own production tree (same versions, resolved
  // URLs and integrities as package-lock.json), so `npm ci --offline` needs only the tarballs that
  // `npm ci` cached. A bare `npm install <tarball>` would also need every dependency's registry
  // metadata, which a fresh machine's cache does not hold.
  const lock = JSON.parse(await readFile(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const spec = `file:../${info.filename}`;
  const production = Object.fromEntries(
    Object.entries(lock.packages).filter(([key, entry]) => key !== '' && !entry.dev),
  );
  await writeFile(
    path.join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'uses-bench-report',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'uses-bench-report', version: '1.0.0', dependencies: { [pkg.name]: spec } },
        [`node_modules/${pkg.name}`]: {
          version: pkg.version,
          resolved: spec,
          integrity: info.integrity,
          dependencies: pkg.dependencies,
          bin: pkg.bin,
        },
        ...production,
      },
    }),
  );
  const npmArgs = ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'];
  if (!canUnshare) console.warn('unshare -rn is not permitted here: installing with --offline only');
  const [cmd, args] = canUnshare ? ['unshare', ['-rn', 'npm', ...npmArgs]] : ['npm', npmArgs];
  const r = await run(cmd, args, { cwd: project, timeout: 120_000 }).catch(
    (e: { stdout: string; stderr: string }) => {
      throw new Error(
        `offline install of the tarball failed (is the npm cache filled by npm ci?):\n${e.stderr}`,
      );
    },
  );
  installLog = r.stdout + r.stderr;
}, 180_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm pack', () => {
  it("holds compiled JS, types, the bundle's chart renderer and licence notices, queries/, report-templates/ and package.json, and nothing else", () => {
    const outside = files.filter(
      (f) =>
        !(
          (f.startsWith('dist/') && (f.endsWith('.js') || f.endsWith('.d.ts'))) ||
          f === 'dist/cli-bundle/THIRD-PARTY-NOTICES.txt' ||
          /^dist\/cli-bundle\/((chart-render|command|read-worker)\.cjs|package\.json)$/.test(f) ||
          f.startsWith('queries/') ||
          f.startsWith('report-templates/') ||
          /^(package\.json|README\.md|LICENSE(\.md)?)$/.test(f)
        ),
    );
    expect(outside).toEqual([]);
    expect(files.filter((f) => /\.test(-d)?\.|\.map$/.test(f))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/bin.js',
        'dist/cli-bundle/chart-render.cjs',
        'dist/cli-bundle/command.cjs',
        'dist/cli-bundle/read-worker.cjs',
        'queries/README.md',
        'report-templates/README.md',
      ]),
    );
  });

  it('names only files it holds in bin, main, types and exports', () => {
    const named = [
      ...Object.values(pkg.bin),
      pkg.main,
      pkg.types,
      ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : [e.types, e.import])),
    ].map((f) => f.replace(/^\.\//, ''));
    expect(named.filter((f) => !files.includes(f))).toEqual([]);
  });
});

describe('the installed tarball', () => {
  const bin = () => path.join(project, 'node_modules', '.bin', 'bench-report');

  it('installed offline, with no devDependency in the tree', async () => {
    expect(installLog).toMatch(/added \d+ packages?/);
    for (const dev of Object.keys(pkg.devDependencies))
      expect(await stat(path.join(project, 'node_modules', dev)).catch(() => null), dev).toBeNull();
  });

  it('has an executable bin with a shebang that prints the package version', async () => {
    const real = path.join(project, 'node_modules', pkg.name, pkg.bin['bench-report']!);
    expect((await readFile(real, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect((await stat(real)).mode & 0o111).not.toBe(0);
    expect((await run(bin(), ['--version'], { cwd: project })).stdout.trim()).toBe(pkg.version);
  });

  it('builds a report of a copied fixture identical to the one the sources build', async () => {
    const r = await run(
      bin(),
      ['build', 'distributed-20-partial', '--runs', 'runs', '--baseline', 'single-node-20'],
      {
        cwd: project,
      },
    );
    expect(r.stdout.split('\n')[0]).toBe(path.join('reports', 'distributed-20-partial', 'report.md'));
    const expected = await build('distributed-20-partial', {
      runsDir: path.join(project, 'runs'),
      cwd: project,
      baseline: 'single-node-20',
    });
    const out = path.join(project, 'reports', 'distributed-20-partial');
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toBe(expected.markdown);
    expect(await readFile(path.join(out, 'summary.json'), 'utf8')).toBe(expected.json);
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toBe(expected.html);
  });

  it('serves the library API to a script in the project', async () => {
    const script = [
      "import { build, toTable, VERSION } from 'bench-report';",
      "const run = await build('single-node-20', { runsDir: 'runs' });",
      'const { samples, nodes } = toTable(run);',
      "console.log(VERSION, run.summary.run.status, samples.numRows(), nodes.array('host').join(','));",
    ].join('\n');
    await writeFile(path.join(project, 'script.mjs'), script);
    const { stdout } = await run(process.execPath, ['script.mjs'], { cwd: project });
    const expected = await build('single-node-20', { runsDir: path.join(repoRoot, 'fixtures', 'runs') });
    const rows = expected.series.reduce((a, s) => a + s.values.length, 0);
    expect(stdout.trim()).toBe(
      `${pkg.version} ${expected.summary.run.status} ${rows} ${expected.summary.nodes.map((n) => n.host).join(',')}`,
    );
  });
});
