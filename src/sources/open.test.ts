import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine, forEachLineSpan } from './open.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'open-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
function write(bytes: Buffer): string {
  const file = path.join(dir, `f${seq++}`);
  writeFileSync(file, bytes);
  return file;
}

async function spansOf(file: string, max?: number) {
  const lines: [string, number][] = [];
  const overlong: [number, number][] = [];
  await forEachLineSpan(
    file,
    (text, from, to, n) => lines.push([text.slice(from, to), n]),
    (n, bytes) => overlong.push([n, bytes]),
  );
  return { lines: max === undefined ? lines : lines.slice(0, max), overlong };
}

describe('forEachLineSpan', () => {
  it('hands spans that slice to exactly the lines forEachLine gives', async () => {
    const piece = fc.constantFrom('a', 'é', '€', '\n', '\r\n', '\r', ' ', '\uFEFF', 'x,y', '\xff');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.boolean(), async (parts, latin1) => {
        const text = parts.join('');
        const file = write(latin1 ? Buffer.from(text, 'latin1') : Buffer.from(text));
        const expected: [string, number][] = [];
        await forEachLine(file, (line, n) => expected.push([line, n]));
        expect((await spansOf(file)).lines).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('drops line endings and the BOM, and numbers lines from 1', async () => {
    const { lines } = await spansOf(write(Buffer.from('\uFEFFm a=1 1\r\n\nm b=2 2')));
    expect(lines).toEqual([
      ['m a=1 1', 1],
      ['', 2],
      ['m b=2 2', 3],
    ]);
  });

  it('reports an overlong line through onOverlong and keeps the numbers of the lines after it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a\n'),
      Buffer.alloc((1 << 20) + 5, 0x78),
      Buffer.from('\nb\n'),
    ]);
    const { lines, overlong } = await spansOf(write(bytes));
    expect(overlong).toEqual([[2, (1 << 20) + 5]]);
    expect(lines.filter(([l]) => l !== '')).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });
});
