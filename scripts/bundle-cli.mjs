// Bundles the command line (dist/cli/bin.js, compiled by tsc) into dist/cli-bundle/: one file for
// start-up plus lazily loaded chunks (renderers, InfluxDB client, compare/scaling), with the
// read worker bundled on its own next to them (parallel-read.js finds it as ./read-worker.js).
// Resolving and loading ~250 modules one by one cost 0.08 s (--version) to 0.17 s (a small build).
// The library (dist/index.js) is not bundled: projects that import bench-report resolve its
// dependencies themselves.
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
// Three builds, so the command's chunks split only along its own lazy imports.
const command = await build({
  ...common,
  entryPoints: { 'bench-report': 'dist/cli/bin.js' },
  splitting: true,
  metafile: true,
  plugins: [cachedCharts, englishOnly],
});
const charts = await build({
  ...common,
  entryPoints: { 'chart-render': 'dist/charts/compile.js' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  banner: {},
  external: ['canvas'],
  metafile: true,
  plugins: [noCanvas],
});
const worker = await build({
  ...common,
  entryPoints: { 'read-worker': 'dist/metrics/read-worker.js' },
  metafile: true,
});
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
