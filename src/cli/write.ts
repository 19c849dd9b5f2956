// Writes outputs so that a reader never sees half a report: each file goes to a temporary
// sibling first and is renamed into place; `-` means stdout.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';

export async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes several files as one unit as far as a file system allows: every temporary file is written
 * first and only then are they renamed, so a failure or an interrupt while writing (the slow part)
 * leaves every previous file in place, and the window for a mixed set shrinks to a few renames.
 */
export async function writeAtomicAll(files: { file: string; content: string }[]): Promise<void> {
  const tmps: string[] = [];
  let current = '';
  try {
    for (const { file, content } of files) {
      current = file;
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
      tmps.push(tmp);
      await writeFile(tmp, content);
    }
    for (const [i, { file }] of files.entries()) {
      current = file;
      await rename(tmps[i]!, file);
    }
  } catch (e) {
    await Promise.allSettled(tmps.map((t) => rm(t, { force: true })));
    // A full disk or a read-only folder is the environment, not a bug: one clear line, no stack.
    throw new InputError(`cannot write output: ${(e as Error).message}`, current);
  }
}
