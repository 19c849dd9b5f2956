import { describe, expect, it } from 'vitest';
import { colorAllowed, paint, paintStatus } from './color.js';
import type { CliIO } from './io.js';

const io = (env: Record<string, string>, isTTY: boolean, stdoutIsTTY = isTTY): CliIO => ({
  stdout: () => {},
  stderr: () => {},
  env,
  cwd: '/',
  isTTY,
  stdoutIsTTY,
});

describe('colours', () => {
  it('are used on a terminal only', () => {
    expect(colorAllowed({}, true)).toBe(true);
    expect(colorAllowed({}, false)).toBe(false);
  });
  it('are never used when NO_COLOR is set to anything non-empty, even on a terminal', () => {
    expect(colorAllowed({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorAllowed({ NO_COLOR: 'false' }, true)).toBe(false);
    // no-color.org: an empty NO_COLOR does not disable colour.
    expect(colorAllowed({ NO_COLOR: '' }, true)).toBe(true);
  });
  it('are not used with TERM=dumb', () => {
    expect(colorAllowed({ TERM: 'dumb' }, true)).toBe(false);
  });
  it('follow the stream they are for', () => {
    const p = paint(io({}, false, true), 'stdout');
    expect(p.red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(paint(io({}, false, true)).red('x')).toBe('x');
    expect(paint(io({ NO_COLOR: '1' }, true, true), 'stdout').green('x')).toBe('x');
  });
  it('colour a status by its meaning', () => {
    const p = paint(io({}, true));
    expect(paintStatus(p, 'complete')).toBe('\x1b[32mcomplete\x1b[39m');
    expect(paintStatus(p, 'partial')).toBe('\x1b[33mpartial\x1b[39m');
    expect(paintStatus(p, 'no-data')).toBe('\x1b[31mno-data\x1b[39m');
    expect(paintStatus(p, 'r1', 'incomplete')).toBe('\x1b[33mr1\x1b[39m');
  });
});
