// Stands in for src/charts/compile.ts in the bundled command: loads the chart renderer (vega,
// vega-lite and compile.ts, bundled on their own as chart-render.cjs) through V8's code cache.
// Compiling vega's code is most of what drawing the first charts in a process costs; with the
// code V8 compiled last time (kept in the user's cache folder, keyed by the renderer's bytes, the
// Node version, the architecture and V8's flags, and checksummed) it need not be compiled again.
// Node 22's module.enableCompileCache() does this for every module; Node 20 has no such switch.
// Any failure (no cache folder, a damaged cache, one V8 rejects, no permission to write) only
// means compiling as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = new URL('./chart-render.cjs', import.meta.url);
const filename = fileURLToPath(file);
const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
const off = process.env.BENCH_REPORT_CACHE_DIR === 'off';

/**
 * The cache folder: BENCH_REPORT_CACHE_DIR, else $XDG_CACHE_HOME/bench-report, else
 * ~/.cache/bench-report; null when none is an absolute path (the XDG rules ignore a relative
 * XDG_CACHE_HOME; an empty HOME must not put the cache in the working directory).
 */
function cacheDir() {
  const own = process.env.BENCH_REPORT_CACHE_DIR;
  if (own) return path.resolve(own);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'bench-report');
  const home = os.homedir();
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'bench-report') : null;
}

/**
 * V8 checks only a cache's header and the source's length, and release builds trust the rest:
 * damaged data can crash the process. So the key covers everything compiled and every flag V8
 * compiles under (a cache made under other flags would be rejected and rewritten on every
 * alternation), and each file starts with the SHA-256 of its data, checked before V8 sees it.
 */
function cacheFile(dir) {
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch} ${process.versions.v8}\n`)
    .update(`${process.execArgv.join(' ')}\n${process.env.NODE_OPTIONS ?? ''}\n`)
    .update(wrapped)
    .digest('hex')
    .slice(0, 16);
  return path.join(dir, `chart-render-${key}.v8-cache`);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

let where = null;
try {
  const dir = off ? null : cacheDir();
  if (dir) where = { dir, file: cacheFile(dir) };
} catch {
  // no cache
}
/** Caches of other versions, Node releases or flags kept beside the one in use (1.4 MB each). */
const KEEP_OTHERS = 4;
/** A cache file's name, or that of the temporary file it is written to first. */
const OURS = /^chart-render-[0-9a-f]{16}\.v8-cache(\.\d+\.tmp)?$/;
/** Left-over temporary files (a process killed while writing) older than this go. */
const STALE_TMP_MS = 24 * 3600 * 1000;

/**
 * Removes what earlier versions left: every renderer, Node release or set of V8 flags has a cache
 * of its own, so upgrades would pile them up. Keeps the KEEP_OTHERS most recently written besides
 * `where.file` (a machine that switches between a few Node versions keeps all of theirs); a
 * removed one that is still wanted is only compiled and written again.
 */
function prune(where) {
  const now = Date.now();
  const others = [];
  for (const name of readdirSync(where.dir)) {
    const file = path.join(where.dir, name);
    // Only files named as this module names them: the folder may hold others' files.
    if (file === where.file || !OURS.test(name)) continue;
    try {
      const { mtimeMs } = statSync(file);
      if (name.endsWith('.tmp')) {
        if (now - mtimeMs > STALE_TMP_MS) rmSync(file, { force: true });
      } else if (name.endsWith('.v8-cache')) others.push({ file, mtimeMs });
    } catch {
      // gone meanwhile (another process pruning)
    }
  }
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of others.slice(KEEP_OTHERS)) rmSync(file, { force: true });
}

let cachedData;
try {
  if (where) {
    const stored = readFileSync(where.file);
    const data = stored.subarray(32);
    if (stored.length > 32 && sha256(data).equals(stored.subarray(0, 32))) cachedData = data;
  }
} catch {
  // none yet
}
const script = new vm.Script(wrapped, cachedData ? { filename, cachedData } : { filename });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(filename), module, filename, path.dirname(filename));

// Written when the process ends, after the charts are drawn: the functions compiled for drawing
// them are then in the cache too, not just the renderer's top level.
if (where && (!cachedData || script.cachedDataRejected))
  process.once('exit', () => {
    const tmp = `${where.file}.${process.pid}.tmp`;
    try {
      mkdirSync(where.dir, { recursive: true });
      const data = script.createCachedData();
      writeFileSync(tmp, Buffer.concat([sha256(data), data]));
      renameSync(tmp, where.file);
      prune(where);
    } catch {
      // a read-only home or cache folder: compile again next time
      try {
        rmSync(tmp, { force: true });
      } catch {
        // nothing was written
      }
    }
  });

export const { ChartCompileError, compileSvg, tidySvg } = module.exports;
