// Terminal colours: only when the stream is a terminal, never when NO_COLOR is set (no-color.org)
// or TERM=dumb. Reports and JSON never carry colour; only messages meant for a person do.
import type { CliIO } from './io.js';

export interface Paint {
  enabled: boolean;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

/** True when colour may be used on a stream that is (or is not) a terminal. */
export function colorAllowed(env: CliIO['env'], isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

const sgr = (on: number, off: number) => (s: string) => `\x1b[${on}m${s}\x1b[${off}m`;
const plain = (s: string) => s;

/** Colour functions for stderr (`stream: 'stderr'`, the default) or stdout. */
export function paint(io: CliIO, stream: 'stderr' | 'stdout' = 'stderr'): Paint {
  const tty = stream === 'stdout' ? (io.stdoutIsTTY ?? false) : io.isTTY;
  const on = colorAllowed(io.env, tty);
  return {
    enabled: on,
    red: on ? sgr(31, 39) : plain,
    green: on ? sgr(32, 39) : plain,
    yellow: on ? sgr(33, 39) : plain,
    dim: on ? sgr(2, 22) : plain,
    bold: on ? sgr(1, 22) : plain,
  };
}

/** Colours `text` by a run or node status: green when all is measured, yellow when partial, red otherwise. */
export function paintStatus(p: Paint, text: string, status = text): string {
  if (status === 'complete' || status === 'ok') return p.green(text);
  if (status === 'incomplete' || status === 'partial') return p.yellow(text);
  return p.red(text);
}
