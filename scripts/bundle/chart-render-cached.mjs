// Stands in for src/charts/compile.ts in the bundled command: loads the chart renderer (vega,
// vega-lite and compile.ts, bundled on their own as chart-render.cjs) through V8's code cache.
// Compiling vega's code is most of what drawing the first charts in a process costs; with the
// code V8 compiled last time (kept in the user's cache folder, keyed by the renderer's bytes, the
// Node version and the architecture) it need not be compiled again. Node 22's
// module.enableCompileCache() does this for every module; Node 20 has no such switch. Any failure
// (no cache folder, a cache V8 rejects, no permission to write) only means compiling as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = new URL('./chart-render.cjs', import.meta.url);
const filename = fileURLToPath(file);
const source = readFileSync(file, 'utf8');

function cacheFile() {
  const dir =
    process.env.BENCH_REPORT_CACHE_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'bench-report');
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch} ${process.versions.v8}\n`)
    .update(source)
    .digest('hex')
    .slice(0, 16);
  return { dir, file: path.join(dir, `chart-render-${key}.v8-cache`) };
}

const where = (() => {
  try {
    return cacheFile();
  } catch {
    return null;
  }
})();
let cachedData;
try {
  if (where && process.env.BENCH_REPORT_CACHE_DIR !== 'off') cachedData = readFileSync(where.file);
} catch {
  // none yet
}
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
  cachedData ? { filename, cachedData } : { filename },
);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(filename), module, filename, path.dirname(filename));

// Written when the process ends, after the charts are drawn: the functions compiled for drawing
// them are then in the cache too, not just the renderer's top level.
if (where && process.env.BENCH_REPORT_CACHE_DIR !== 'off' && (!cachedData || script.cachedDataRejected))
  process.once('exit', () => {
    try {
      mkdirSync(where.dir, { recursive: true });
      const tmp = `${where.file}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, where.file);
    } catch {
      // a read-only home or cache folder: compile again next time
    }
  });

export const { ChartCompileError, compileSvg, tidySvg } = module.exports;
