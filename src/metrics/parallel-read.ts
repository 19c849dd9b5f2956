// Reads a run's input files on several threads when there are several files and enough bytes to
// pay for the threads' start-up (one file per node is common): worker threads and this one, each
// taking the next file when done. Readers parse and derive; this thread feeds their samples to the
// series builder strictly in file order, so the series, reports, flags and errors are exactly
// those of reading the files one by one (a test pins it).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../model/errors.js';
import type { RunSpec, SourceReport } from '../model/types.js';
import type { FileJob, FileJobsReader } from '../sources/read.js';
import { METRICS } from './canonical.js';
import type { SampleSink } from './derive.js';
import { type ReadJob, runReadJob, type WorkerReply } from './read-job.js';

/** Below this much input, thread start-up costs more than it saves (bench: 22 MB of line protocol built 10 % slower on threads, 221 MB 10 % faster). */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** How the files of a run are read: `auto` uses threads when they pay, a number forces that many. */
export type ParallelOption = 'auto' | 'off' | number;

/**
 * How many threads to read `files` files of `bytes` bytes with (this one and the rest workers):
 * none for one file or for less than PARALLEL_MIN_BYTES (`auto`), else one per core, at most one
 * per file. A number asks for that many (0 or 1: none). The result is the same either way; only
 * the speed differs.
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
 * A FileJobsReader that reads on several threads into `sink` (the series builder's push and
 * counterParts), or declines (null) when threads would not pay.
 */
export function parallelFileReader(
  sink: SampleSink,
  option: ParallelOption = 'auto',
  /**
   * Set to the most threads one batch of files was read with, this one included (0: read one by
   * one), and to why worker threads that were tried could not start (their files were then read
   * on this thread).
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
    let declined = 0;
    const reports = await runJobs(spec, jobs, n, sink, onFileDone, (why) => {
      used.declined ??= why;
      declined++;
    });
    // Readers that read: this thread and the workers that started (none: one by one, here).
    used.threads = Math.max(used.threads, declined >= n - 1 ? 0 : n - declined);
    return reports;
  };
}

/**
 * A small young generation for readers (V8's default grows to 16 MiB semi-spaces): everything a
 * reader allocates dies young, and measured on the 10^7-line benchmark runs it keeps peak RSS
 * 20-75 MiB lower at the same speed (2 MiB made CSV reads 1.7× slower; 8 did not).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 8 };

/** Starts a read worker (read-worker.ts on a worker thread; from the TypeScript sources too). */
export function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./read-worker.js', here), { resourceLimits });
  // Run from TypeScript sources (tsx, vitest), a worker does not inherit the loader: register it.
  const url = new URL('./read-worker.ts', here);
  return new Worker(
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`,
    { eval: true, resourceLimits },
  );
}

/**
 * Files a worker holds at once: the one it reads and the next, so that it need not wait for
 * this thread (busy reading a file of its own, yielding to its event loop every 1 MiB) to hand it
 * another (measured: about 4 ms idle per file on the 10^6-line benchmark).
 */
const QUEUED = 2;

/** Test seams of runJobs: how a worker is started, and what became of this thread's reads. */
export interface RunJobsHooks {
  /** Starts a read worker (default: read-worker.ts on a worker thread). */
  start?: () => Worker;
  /** Called when this thread stops reading job `id`: having sent it all, or cancelled part-way. */
  localRead?: (id: number, outcome: 'sent' | 'cancelled') => void;
}

/**
 * Runs the jobs on `n` threads, this one and `n` - 1 workers, each taking the next file when done,
 * and applies their results in job order. A worker that cannot start (or dies before it replied
 * about its file) hands its file back to this thread; one that fails part-way through a file
 * fails the read, as reading that file here would. Once the read has failed, this thread stops
 * reading at its next batch and the workers are terminated.
 */
export function runJobs(
  spec: RunSpec,
  jobs: FileJob[],
  n: number,
  sink: SampleSink,
  onFileDone: (job: FileJob) => void,
  onDecline: (why: string) => void,
  hooks: RunJobsHooks = {},
): Promise<SourceReport[]> {
  const reports: SourceReport[] = new Array(jobs.length);
  // Replies of jobs after the one being applied wait here, in arrival order.
  const waiting = new Map<number, WorkerReply[]>();
  let current = 0;
  let next = 0;
  // Files a worker could not read after all, to be read here.
  const handedBack: number[] = [];
  const take = (): number | undefined => handedBack.shift() ?? (next < jobs.length ? next++ : undefined);
  // Handed back files are read lowest first: the files applied next wait for them.
  const handBack = (ids: number[]) => {
    handedBack.push(...ids);
    handedBack.sort((a, b) => a - b);
  };
  // Each worker's second file, handed out once every worker has its first.
  const topUps: (() => void)[] = [];
  const workers: Worker[] = [];
  const stop = () => {
    for (const w of workers) void w.terminate();
  };
  // A read that succeeded lets its workers end on their own (they hold nothing more by then), and
  // does not wait for them: a bundled worker may still be writing its code cache.
  const release = () => {
    for (const w of workers) {
      w.postMessage(null);
      w.unref();
    }
  };
  const hosts = spec.nodes.map((node) => node.host);
  const start = hooks.start ?? startWorker;

  return new Promise<SourceReport[]>((resolve, reject) => {
    let failed = false;
    let done = false;
    const fail = (e: Error) => {
      if (failed || done) return;
      failed = true;
      stop();
      reject(e);
    };
    /** Applies one reply of the current job; true when the job is finished. */
    const apply = (r: WorkerReply): boolean => {
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
      if (!failed && !done && current === jobs.length) {
        done = true;
        release();
        resolve(reports);
      }
    };
    const receive = (r: WorkerReply) => {
      let queue = waiting.get(r.id);
      if (!queue) {
        queue = [];
        waiting.set(r.id, queue);
      }
      queue.push(r);
      drain();
    };

    // This thread reads too, between handling the workers' replies (its reads are asynchronous).
    let localBusy = false;
    const readHere = async () => {
      if (localBusy) return;
      localBusy = true;
      try {
        for (let id = take(); id !== undefined && !failed; id = take()) {
          const outcome = await runReadJob({ id, spec, job: jobs[id]! }, receive, () => failed);
          hooks.localRead?.(id, outcome);
        }
      } finally {
        localBusy = false;
      }
    };

    for (let i = 1; i < n; i++) {
      let w: Worker;
      try {
        w = start();
      } catch (e) {
        onDecline((e as Error).message);
        continue;
      }
      workers.push(w);
      // The files sent to this worker and not finished, and those of them it has replied about
      // (a worker reads them in order, but nothing here relies on it); its error.
      const assigned: number[] = [];
      const replied = new Set<number>();
      let error: Error | undefined;
      let gone = false;
      const give = (upTo: number) => {
        // A worker that reported an error gets nothing more; it is about to exit.
        while (error === undefined && assigned.length < upTo) {
          // A second file only while many are left: the last few are shared out one by one.
          if (assigned.length > 0 && handedBack.length + jobs.length - next < 2 * n) return;
          const id = take();
          if (id === undefined) return;
          assigned.push(id);
          w.postMessage({ id, spec, job: jobs[id]! } satisfies ReadJob);
        }
      };
      topUps.push(() => give(QUEUED));
      // 'error' can come before messages the worker posted earlier; 'exit' comes after all of
      // them (Node drains the worker's port first), so whether it replied about its files is
      // known only then: decide there.
      w.on('error', (e) => {
        error ??= e;
      });
      w.on('exit', (code) => {
        if (gone || failed || done) return;
        gone = true;
        const e = error ?? new Error(`a read worker exited with code ${code}`);
        // Part of a file applied: reading it again here would apply that part twice.
        if (assigned.some((id) => replied.has(id))) return fail(e);
        onDecline(e.message);
        handBack(assigned.splice(0));
        readHere().catch(fail);
      });
      w.on('message', (r: WorkerReply) => {
        if (gone || failed || done) return;
        replied.add(r.id);
        receive(r);
        if (r.kind !== 'batch') {
          const at = assigned.indexOf(r.id);
          if (at >= 0) assigned.splice(at, 1);
          replied.delete(r.id);
          if (!failed && !done) give(QUEUED);
        }
      });
      // One file each first, so the first files in job order are read first; the second below.
      give(1);
    }
    for (const topUp of topUps) topUp();
    readHere().catch(fail);
  });
}
