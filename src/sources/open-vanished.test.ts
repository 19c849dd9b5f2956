// A file that is gone by the time it is opened for reading (after its format was sniffed) must be
// an InputError naming it, never an unhandled stream error that ends the process. The race is
// made certain here: createReadStream deletes the file first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../model/errors.js';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    createReadStream: ((file: string, options?: object) => {
      fs.rmSync(file, { force: true });
      return fs.createReadStream(file, options as Parameters<typeof fs.createReadStream>[1]);
    }) as typeof fs.createReadStream,
  };
});

const { forEachLine, openInput } = await import('./open.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'open-vanished-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a gzipped file gone between sniffing and reading', () => {
  it('is an InputError naming the file when read line by line', async () => {
    const file = path.join(dir, 'lines.lp.gz');
    writeFileSync(file, gzipSync('m f=1 1\nm f=2 2\n'));
    const err = await forEachLine(file, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/ENOENT/);
  }, 5000);

  it('is an error of the stream openInput gives, not an unhandled one', async () => {
    const file = path.join(dir, 'rows.csv.gz');
    writeFileSync(file, gzipSync('a,b\n1,2\n'));
    const stream = await openInput(file);
    const err = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
  }, 5000);
});
