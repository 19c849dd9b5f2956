// Builds dist/ once for the tests that run the compiled package (examples, packing, workflow),
// even when several test files ask at once: a lock directory serialises builds, and a stamp of the
// sources' sizes and times skips a build when dist/ is already current.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

async function sourceStamp(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(path.join(repoRoot, 'src'), { recursive: true })).sort();
  for (const f of files) {
    const s = await stat(path.join(repoRoot, 'src', f));
    if (s.isFile()) hash.update(`${f}:${s.size}:${s.mtimeMs}\n`);
  }
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle-cli.mjs'])
    hash.update(await readFile(path.join(repoRoot, f)));
  return hash.digest('hex');
}

/** Ensures dist/ holds a build of the current sources; returns the repo root. */
export async function ensureBuilt(): Promise<string> {
  const tmp = path.join(repoRoot, '.tmp');
  await mkdir(tmp, { recursive: true });
  const lock = path.join(tmp, 'dist-build.lock');
  const stampFile = path.join(tmp, 'dist-build.stamp');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed run.
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
      if (age > 300_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lock}; remove it if no test is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const stamp = await sourceStamp();
    const previous = await readFile(stampFile, 'utf8').catch(() => '');
    const binOk =
      (await stat(path.join(repoRoot, 'dist', 'cli', 'bin.js')).catch(() => null)) &&
      (await stat(path.join(repoRoot, 'dist', 'cli-bundle', 'bench-report.js')).catch(() => null));
    if (previous !== stamp || !binOk) {
      await run('npm', ['run', 'build', '--silent'], { cwd: repoRoot });
      await writeFile(stampFile, stamp);
    }
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
  return repoRoot;
}
