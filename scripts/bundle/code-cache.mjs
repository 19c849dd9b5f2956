// Loads a CommonJS bundle of dist/cli-bundle/ through V8's code cache: the command
// (command.cjs), its read worker (read-worker.cjs) and the chart renderer (chart-render.cjs).
// With the code V8 compiled last time (kept in the user's cache folder, checksummed) a bundle
// need not be parsed and compiled again: 0.04 s of `--version`, 0.06 s of a 10^6-line build.
// Node 22's module.enableCompileCache() does this for every module; Node 20 has no such switch.
// Any failure (no cache folder, a damaged cache, one V8 rejects, no permission to write) only
// means compiling as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/**
 * The cache folder: BENCH_REPORT_CACHE_DIR, else $XDG_CACHE_HOME/bench-report, else
 * ~/.cache/bench-report; null when it is `off` or none is an absolute path (the XDG rules ignore
 * a relative XDG_CACHE_HOME; an empty HOME must not put the cache in the working directory).
 */
function cacheDir() {
  const own = process.env.BENCH_REPORT_CACHE_DIR;
  if (own === 'off') return null;
  if (own) return path.resolve(own);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'bench-report');
  const home = os.homedir();
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'bench-report') : null;
}

/**
 * V8 checks only a cache's header and the source's length, and release builds trust the rest:
 * damaged or stale data can crash the process or run other code. So the file name covers
 * everything compiled (`sourceKey`: the SHA-256 of the bundle's bytes, taken when it was built)
 * and every flag V8 compiles under (a cache made under other flags would be rejected and
 * rewritten on every alternation), and each file starts with the SHA-256 of its data, checked
 * before V8 sees it.
 */
function cacheFile(dir, name, sourceKey) {
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch} ${process.versions.v8}\n`)
    .update(`${process.execArgv.join(' ')}\n${process.env.NODE_OPTIONS ?? ''}\n`)
    .update(sourceKey)
    .digest('hex')
    .slice(0, 16);
  return path.join(dir, `${name}-${key}.v8-cache`);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

/** Caches of other versions, Node releases or flags kept beside the one in use, per bundle. */
const KEEP_OTHERS = 4;
/** Left-over temporary files (a process killed while writing) older than this go. */
const STALE_TMP_MS = 24 * 3600 * 1000;

/**
 * Removes what earlier versions left: every bundle, Node release or set of V8 flags has a cache
 * of its own, so upgrades would pile them up. Keeps the KEEP_OTHERS most recently written besides
 * `file` (a machine that switches between a few Node versions keeps all of theirs); a removed one
 * that is still wanted is only compiled and written again. Only files named as this module names
 * this bundle's caches are touched: the folder may hold others' files.
 */
function prune(dir, name, file) {
  const ours = new RegExp(`^${name}-[0-9a-f]{16}\\.v8-cache(\\.\\d+(-\\d+)?\\.tmp)?$`);
  const now = Date.now();
  const others = [];
  for (const entry of readdirSync(dir)) {
    const other = path.join(dir, entry);
    if (other === file || !ours.test(entry)) continue;
    try {
      const { mtimeMs } = statSync(other);
      if (entry.endsWith('.tmp')) {
        if (now - mtimeMs > STALE_TMP_MS) rmSync(other, { force: true });
      } else others.push({ file: other, mtimeMs });
    } catch {
      // gone meanwhile (another process pruning)
    }
  }
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const o of others.slice(KEEP_OTHERS)) rmSync(o.file, { force: true });
}

/**
 * Runs the CommonJS bundle `filename` (named `name` in the cache, e.g. `command`) and returns its
 * exports, with V8's code cache when there is one. `sourceKey` identifies the bundle's bytes.
 * Unless `writes` is false, a missing or rejected cache is written when the process (or worker
 * thread) ends, after the bundle has run: the functions compiled while it ran are then in the
 * cache too, not just its top level. A worker thread that is terminated writes nothing.
 */
export function loadCached(filename, name, sourceKey, { writes = true } = {}) {
  const source = readFileSync(filename, 'utf8').replace(/^#!.*/, '');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  let where = null;
  try {
    const dir = cacheDir();
    if (dir) where = { dir, file: cacheFile(dir, name, sourceKey) };
  } catch {
    // no cache
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
  if (where && writes && (!cachedData || script.cachedDataRejected))
    process.once('exit', () => {
      const tmp = `${where.file}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(where.dir, { recursive: true });
        const data = script.createCachedData();
        writeFileSync(tmp, Buffer.concat([sha256(data), data]));
        renameSync(tmp, where.file);
        prune(where.dir, name, where.file);
      } catch {
        // a read-only home or cache folder: compile again next time
        try {
          rmSync(tmp, { force: true });
        } catch {
          // nothing was written
        }
      }
    });
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    createRequire(filename),
    module,
    filename,
    path.dirname(filename),
  );
  return module.exports;
}
