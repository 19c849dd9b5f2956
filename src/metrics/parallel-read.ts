// Reads a run's input files on worker threads when there are several and enough bytes to pay for
// the threads' start-up (one file per node is common). Workers parse and derive; this thread
// feeds their samples to the series builder strictly in file order, so the series, reports,
// flags and errors are exactly those of reading the files one by one (a test pins it).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../model/errors.js';
import type { RunSpec, SourceReport } from '../model/types.js';
import type { FileJob, FileJobsReader } from '../sources/read.js';
import { METRICS } from './canonical.js';
import type { SampleSink } from './derive.js';
import type { ReadJob, WorkerReply } from './read-worker.js';

/** Below this much input, thread start-up costs more than it saves (bench: 22 MB of line protocol built 10 % slower on threads, 221 MB 10 % faster). */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** How the files of a run are read: `auto` uses threads when they pay, a number forces that many. */
export type ParallelOption = 'auto' | 'off' | number;

/**
 * How many worker threads to read `files` files of `bytes` bytes with: none for one file or for
 * less than PARALLEL_MIN_BYTES (`auto`), else one per core, at most one per file. A number asks
 * for that many (0 or 1: none). The result is the same either way; only the speed differs.
 */
export function workerCount(files: number, bytes: number, option: ParallelOption = 'auto'): number {
  const wanted =
    option === 'off'
      ? 0
      : option === 'auto'
        ? bytes >= PARALLEL_MIN_BYTES
          ? availableParallelism()
          : 0
        : option;
  return Number.isFinite(wanted) && wanted >= 2 && files >= 2 ? Math.min(Math.floor(wanted), files) : 0;
}

/**
 * A FileJobsReader that reads on worker threads into `sink` (the series builder's push and
 * counterParts), or declines (null) when threads would not pay or cannot start.
 */
export function parallelFileReader(
  sink: SampleSink,
  option: ParallelOption = 'auto',
  /**
   * Set to the most threads one batch of files was read with (0: none), and to why threads that
   * were tried could not be used (the files were then read one by one).
   */
  used: { threads: number; declined?: string } = { threads: 0 },
): FileJobsReader {
  return async (spec, jobs, onFileDone) => {
    const n = workerCount(
      jobs.length,
      jobs.reduce((a, j) => a + j.bytes, 0),
      option,
    );
    if (n === 0 || spec.nodes.length > 0xffff) return null;
    const reports = await runJobs(spec, jobs, n, sink, onFileDone, (why) => {
      used.declined ??= why;
    });
    if (reports) used.threads = Math.max(used.threads, n);
    return reports;
  };
}

/**
 * A small young generation for readers (V8's default grows to 16 MiB semi-spaces): everything a
 * reader allocates dies young, and measured on the 10^7-line benchmark runs it keeps peak RSS
 * 20-75 MiB lower at the same speed (2 MiB made CSV reads 1.7× slower; 8 did not).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 8 };

function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./read-worker.js', here), { resourceLimits });
  // Run from TypeScript sources (tsx, vitest), a worker does not inherit the loader: register it.
  const url = new URL('./read-worker.ts', here);
  return new Worker(
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`,
    { eval: true, resourceLimits },
  );
}

/** Runs the jobs on `n` workers (each takes the next file when done) and applies results in job order. */
function runJobs(
  spec: RunSpec,
  jobs: FileJob[],
  n: number,
  sink: SampleSink,
  onFileDone: (job: FileJob) => void,
  onDecline: (why: string) => void,
): Promise<SourceReport[] | null> {
  const reports: SourceReport[] = new Array(jobs.length);
  // Replies of jobs after the one being applied wait here, in arrival order.
  const waiting = new Map<number, WorkerReply[]>();
  let current = 0;
  let next = 0;
  const workers: Worker[] = [];
  const stop = () => {
    for (const w of workers) void w.terminate();
  };
  const hosts = spec.nodes.map((node) => node.host);

  return new Promise<SourceReport[] | null>((resolve, reject) => {
    let failed = false;
    let applied = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      stop();
      reject(e);
    };
    // A thread that cannot start or dies before anything was applied: decline, so the caller
    // reads one by one instead (e.g. a runtime without worker threads).
    const broken = (e: Error) => {
      if (applied || failed) return fail(e);
      failed = true;
      stop();
      onDecline(e.message);
      resolve(null);
    };
    /** Applies one reply of the current job; true when the job is finished. */
    const apply = (r: WorkerReply): boolean => {
      applied = true;
      if (r.kind === 'batch') {
        for (let i = 0; i < r.length; i++)
          sink.push(hosts[r.host[i]!]!, METRICS[r.metric[i]!]!, r.time[i]!, r.value[i]!);
        for (const [host, time, fields] of r.counters) sink.counterParts(host, time, fields);
        return false;
      }
      if (r.kind === 'error') {
        fail(
          r.input
            ? new InputError(r.message, r.location)
            : Object.assign(new Error(r.message), r.stack !== undefined ? { stack: r.stack } : {}),
        );
        return false;
      }
      reports[r.id] = r.report;
      onFileDone(jobs[r.id]!);
      return true;
    };
    const drain = () => {
      while (!failed && current < jobs.length) {
        const queue = waiting.get(current);
        if (!queue || queue.length === 0) return;
        const r = queue.shift()!;
        if (apply(r)) {
          waiting.delete(current);
          current++;
        }
      }
      if (!failed && current === jobs.length) {
        stop();
        resolve(reports);
      }
    };
    const give = (w: Worker) => {
      if (next < jobs.length) {
        const id = next++;
        w.postMessage({ id, spec, job: jobs[id]! } satisfies ReadJob);
      }
    };
    for (let i = 0; i < n; i++) {
      let w: Worker;
      try {
        w = startWorker();
      } catch (e) {
        broken(e as Error);
        return;
      }
      workers.push(w);
      w.on('error', (e) => broken(e));
      w.on('exit', (code) => {
        if (!failed && current < jobs.length) broken(new Error(`a read worker exited with code ${code}`));
      });
      w.on('message', (r: WorkerReply) => {
        let queue = waiting.get(r.id);
        if (!queue) {
          queue = [];
          waiting.set(r.id, queue);
        }
        queue.push(r);
        if (r.kind !== 'batch') give(w);
        drain();
      });
      give(w);
    }
  });
}
