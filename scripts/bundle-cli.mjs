// Bundles the command line (dist/cli/bin.js, compiled by tsc) into dist/cli-bundle/: the command,
// its read worker (parallel-read.js finds it as ./read-worker.js) and the chart renderer, each one
// CommonJS file run through V8's code cache. Resolving and loading ~250 modules one by one cost
// 0.08 s (--version) to 0.17 s (a small build); compiling the bundles on every start 0.04-0.06 s.
// The library (dist/index.js) is not bundled: projects that import bench-report resolve its
// dependencies themselves.
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'cli-bundle');
rmSync(outdir, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  // Bundled CommonJS dependencies call require() for Node's built-ins; ESM has none.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
// vega-canvas looks for the optional `canvas` package with a top-level await, which a CommonJS
// bundle cannot hold. This stand-in looks for it with require() instead (from the bundle's place,
// as the library finds it from its own), and answers as vega-canvas does: vega measures text with
// node-canvas when it is installed, else estimates widths itself.
const noCanvas = {
  name: 'no-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'no-canvas' }));
    b.onLoad({ filter: /.*/, namespace: 'no-canvas' }, () => ({
      contents: `
        let NodeCanvas = null;
        try {
          NodeCanvas = require('canvas');
          if (!(NodeCanvas && NodeCanvas.createCanvas)) NodeCanvas = null;
        } catch {}
        export const domCanvas = () => null;
        export function nodeCanvas(w, h, type) {
          if (NodeCanvas) try { return new NodeCanvas.Canvas(w, h, type); } catch {}
          return null;
        }
        export const canvas = (w, h, type) => nodeCanvas(w, h, type);
        export const image = () => (NodeCanvas && NodeCanvas.Image) || null;`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
// The command's chunks load the chart renderer through V8's code cache (see chart-render-cached.mjs).
const cachedCharts = {
  name: 'cached-charts',
  setup(b) {
    b.onResolve({ filter: /\/charts\/compile\.js$/ }, () => ({
      path: path.join(root, 'scripts', 'bundle', 'chart-render-cached.mjs'),
    }));
  },
};
// templates.ts loads nunjucks on first render through createRequire, which esbuild cannot see
// into: as a plain require() it is bundled (and so code-cached) and still run only when first
// called (nunjucks must not run before the input is read: see templates.ts).
const bundledNunjucks = {
  name: 'bundled-nunjucks',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]render[\\/]templates\.js$/ }, (a) => {
      const text = readFileSync(a.path, 'utf8');
      const lazy = "createRequire(import.meta.url)('nunjucks')";
      if (!text.includes(lazy)) throw new Error(`${a.path} no longer loads nunjucks as ${lazy}`);
      return { contents: text.replace(lazy, "require('nunjucks')"), loader: 'js' };
    });
  },
};
// fdir (under tinyglobby) loads picomatch from node_modules when it starts, for a glob() that
// tinyglobby never calls (it filters with the picomatch bundled here): 10 ms of every start.
const fdirWithoutPicomatch = {
  name: 'fdir-without-picomatch',
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (a) => {
      const text = readFileSync(a.path, 'utf8');
      const load =
        /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      if (!load.test(text)) throw new Error(`${a.path} no longer loads picomatch as expected`);
      return { contents: text.replace(load, ''), loader: 'js' };
    });
  },
};
// zod's API carries every locale's messages (z.locales, ~360 KB of the command's start-up
// chunk); the command only ever uses English, the default, so only that one is bundled.
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (a) =>
      /[\\/]zod[\\/]/.test(a.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: `export { default as en } from 'zod/v4/locales/en.js';`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
// The command, its read worker and the chart renderer are each one CommonJS bundle, which a
// small ES module entry point (launch.mjs) or the command (chart-render-cached.mjs) runs through
// V8's code cache (code-cache.mjs): each process would otherwise parse and compile them again.
// A bundle's import.meta.url is its own URL, as it was an ES module chunk's.
const cjs = {
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl', 'import.meta.resolve': 'require.resolve' },
  // Only run from the TypeScript sources (parallel-read.ts), never from the bundle.
  external: ['tsx/esm/api'],
  metafile: true,
};
const sha256 = (name) =>
  createHash('sha256')
    .update(readFileSync(path.join(outdir, name)))
    .digest('hex');
const charts = await build({
  ...common,
  ...cjs,
  entryPoints: { 'chart-render': 'dist/charts/compile.js' },
  external: [...cjs.external, 'canvas'],
  plugins: [noCanvas],
});
const worker = await build({
  ...common,
  ...cjs,
  entryPoints: { 'read-worker': 'dist/metrics/read-worker.js' },
});
const command = await build({
  ...common,
  ...cjs,
  entryPoints: { command: 'dist/cli/bin.js' },
  define: { ...cjs.define, __CHART_RENDER_KEY: JSON.stringify(sha256('chart-render.cjs')) },
  plugins: [cachedCharts, englishOnly, bundledNunjucks, fdirWithoutPicomatch],
  // nunjucks's file watcher, never used (templates are read once).
  external: [...cjs.external, 'chokidar'],
});
// The entry points: bench-report.js (the package's bin) and read-worker.js (parallel-read.js
// starts it as ./read-worker.js next to itself). They are CommonJS too (the folder's package.json
// says so): a process or worker whose entry point is an ES module first starts Node's ES module
// loader, 5-10 ms of every start here.
for (const [entry, bundle, banner] of [
  ['bench-report', 'command', '#!/usr/bin/env node'],
  ['read-worker', 'read-worker', ''],
])
  await build({
    ...common,
    ...cjs,
    outExtension: {},
    entryPoints: { [entry]: 'scripts/bundle/launch.mjs' },
    banner: { js: `${banner}\n${cjs.banner.js}` },
    define: {
      ...cjs.define,
      __BUNDLE_FILE: JSON.stringify(`./${bundle}.cjs`),
      __BUNDLE_NAME: JSON.stringify(bundle),
      __BUNDLE_KEY: JSON.stringify(sha256(`${bundle}.cjs`)),
    },
    metafile: false,
  });
writeFileSync(
  path.join(outdir, 'package.json'),
  `${JSON.stringify({ private: true, type: 'commonjs', description: "bench-report's bundled command; see scripts/bundle-cli.mjs" }, null, 2)}\n`,
);
chmodSync(path.join(outdir, 'bench-report.js'), 0o755);

// The bundle holds copies of third-party code: ship their licence texts with it.
const packageDirs = new Set();
for (const input of [command, worker, charts].flatMap((b) => Object.keys(b.metafile.inputs))) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packageDirs.add(m[1]);
}
const notices = [...packageDirs].sort().map((dir) => {
  const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
  const file = readdirSync(path.join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = file
    ? readFileSync(path.join(root, dir, file), 'utf8').trim()
    : `License: ${pkg.license ?? 'not stated'}`;
  return `${pkg.name}@${pkg.version} (${pkg.license ?? 'licence not stated'})\n\n${text}\n`;
});
writeFileSync(
  path.join(outdir, 'THIRD-PARTY-NOTICES.txt'),
  `The bundled command in this folder contains code from these packages:\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);
