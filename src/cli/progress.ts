// Progress bars on stderr while inputs are read: only on a terminal, never with --quiet, and only
// when the read is long enough to be worth one (small reads would just flicker).
import { SingleBar } from 'cli-progress';
import type { ReadProgress } from '../sources/read.js';
import type { CliIO } from './io.js';

/** Reads smaller than this draw no bar. */
export const PROGRESS_MIN_BYTES = 1 << 20;

export interface ProgressHandle {
  /** Pass to the pipeline; undefined when no bar will be drawn. */
  onProgress?: (p: ReadProgress) => void;
  /** Removes the bar; call it before printing anything else. */
  stop(): void;
}

/** A minimal writable "terminal" over io.stderr, so tests can capture the bar in-process. */
function stderrStream(io: CliIO) {
  return {
    isTTY: true,
    columns: 80,
    write(s: string) {
      io.stderr(s);
      return true;
    },
    on() {
      return this;
    },
    removeListener() {
      return this;
    },
  } as unknown as NodeJS.WritableStream;
}

const mb = (bytes: number) => (bytes / (1 << 20)).toFixed(1);

/** A byte-based progress bar for a run's inputs, labelled with the run reference. */
export function readProgressBar(io: CliIO, label: string, quiet = false): ProgressHandle {
  if (quiet || !io.isTTY) return { stop() {} };
  let bar: SingleBar | null = null;
  let total = 0;
  let done = 0;
  return {
    onProgress(p) {
      if (p.kind === 'planned') {
        total += p.bytes;
        if (!bar && total >= PROGRESS_MIN_BYTES) {
          bar = new SingleBar({
            stream: stderrStream(io),
            format: `${label} {bar} {percentage}% | {done}/{all} MB | {file}`,
            clearOnComplete: true,
            hideCursor: false,
            barsize: 24,
          });
          bar.start(total, done, { done: mb(done), all: mb(total), file: '' });
        } else bar?.setTotal(total);
      } else {
        done += p.bytes;
        bar?.update(done, { done: mb(done), all: mb(total), file: p.file });
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** A count-based bar (e.g. runs listed by `ls`); null when no bar should be drawn. */
export function countBar(io: CliIO, label: string, total: number, quiet = false): SingleBar | null {
  if (quiet || !io.isTTY || total < 2) return null;
  const bar = new SingleBar({
    stream: stderrStream(io),
    format: `${label} {bar} {value}/{total} | {item}`,
    clearOnComplete: true,
    hideCursor: false,
    barsize: 24,
  });
  bar.start(total, 0, { item: '' });
  return bar;
}
