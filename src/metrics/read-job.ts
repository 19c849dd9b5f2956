// One file of a run read into canonical samples, as parallel-read.ts hands it out: on a worker
// thread (read-worker.ts) or on the main thread itself. Every record is counted, windowed and
// validated as readFileJob does; the samples go back in batches, in input order, and the main
// thread feeds them to the series builder in file order, so the result is exactly that of
// reading the files one by one.
import { isInputError } from '../model/errors.js';
import type { MetricName, RunSpec } from '../model/types.js';
import { type FileJob, readFileJob } from '../sources/read.js';
import { METRICS } from './canonical.js';
import { DERIVED_SELECTION, deriveSamples, type SampleSink } from './derive.js';

/** One file to read. */
export interface ReadJob {
  id: number;
  spec: RunSpec;
  job: FileJob;
}

/** Samples in arrival order: host (index into spec.nodes), metric (index into METRICS), time, value. */
export interface SampleBatch {
  id: number;
  kind: 'batch';
  length: number;
  host: Uint16Array;
  metric: Uint8Array;
  time: Float64Array;
  value: Float64Array;
  /** time_* counter fields of cpu-total points without usage_idle, in arrival order. */
  counters: [host: string, time: number, fields: Record<string, unknown>][];
}

export type WorkerReply =
  | SampleBatch
  | { id: number; kind: 'done'; report: import('../model/types.js').SourceReport }
  | { id: number; kind: 'error'; input: boolean; message: string; location?: string; stack?: string };

/**
 * Samples per batch: about 78 KB of typed arrays. Batches are allocated on the worker and freed
 * on the main thread; with 1.2 MB batches glibc kept the freed memory in the worker's arena and
 * peak RSS of a 10^7-line build grew by ~50 MiB (measured: 253-270 MiB vs 200-209 MiB).
 */
const BATCH = 1 << 12;

function batchCollector(spec: RunSpec, id: number, send: (b: SampleBatch) => void) {
  const hostIndex = new Map(spec.nodes.map((n, i) => [n.host, i]));
  const metricIndex = new Map<MetricName, number>(METRICS.map((m, i) => [m, i]));
  let b: SampleBatch;
  const fresh = () => {
    b = {
      id,
      kind: 'batch',
      length: 0,
      host: new Uint16Array(BATCH),
      metric: new Uint8Array(BATCH),
      time: new Float64Array(BATCH),
      value: new Float64Array(BATCH),
      counters: [],
    };
  };
  fresh();
  const flush = () => {
    if (b.length > 0 || b.counters.length > 0) send(b);
    fresh();
  };
  const sink: SampleSink = {
    push(host, metric, time, value) {
      const h = hostIndex.get(host);
      if (h === undefined) return; // the builder ignores hosts the manifest does not name
      const i = b.length++;
      b.host[i] = h;
      b.metric[i] = metricIndex.get(metric)!;
      b.time[i] = time;
      b.value[i] = value;
      if (b.length === BATCH) flush();
    },
    counterParts(host, time, fields) {
      b.counters.push([host, time, { ...fields }]);
      if (b.counters.length === BATCH) flush();
    },
  };
  return { sink, flush };
}

/** Sends a reply, transferring the batch's buffers when it crosses threads. */
export type ReplySender = (reply: WorkerReply, transfer: ArrayBuffer[]) => void;

/** Thrown through the reader to stop a read that is no longer wanted. */
const CANCELLED = new Error('read cancelled');

/**
 * Reads one file and sends its batches, then `done` with its report, or `error`. When
 * `cancelled()` turns true (checked at every batch) the read stops where it is, sends nothing
 * more and resolves `cancelled`; else it resolves `sent`.
 */
export async function runReadJob(
  { id, spec, job }: ReadJob,
  send: ReplySender,
  cancelled: () => boolean = () => false,
): Promise<'sent' | 'cancelled'> {
  try {
    const { sink, flush } = batchCollector(spec, id, (batch) => {
      if (cancelled()) throw CANCELLED;
      send(batch, [
        batch.host.buffer as ArrayBuffer,
        batch.metric.buffer as ArrayBuffer,
        batch.time.buffer as ArrayBuffer,
        batch.value.buffer as ArrayBuffer,
      ]);
    });
    const report = await readFileJob(spec, job, (host, p) => deriveSamples(host, p, sink), DERIVED_SELECTION);
    flush();
    if (cancelled()) return 'cancelled';
    send({ id, kind: 'done', report }, []);
  } catch (e) {
    // Readers pass the callback's error on; one that wraps it still stopped the read.
    if (e === CANCELLED || cancelled()) return 'cancelled';
    const err = e as Error & { location?: string };
    const input = isInputError(e);
    send(
      {
        id,
        kind: 'error',
        input,
        message: input && err.location ? err.message.slice(err.location.length + 2) : err.message,
        ...(err.location !== undefined ? { location: err.location } : {}),
        ...(err.stack !== undefined ? { stack: err.stack } : {}),
      },
      [],
    );
  }
  return 'sent';
}
