// Worker thread of parallel-read.ts: reads the files it is sent, one at a time (read-job.ts).
import { parentPort } from 'node:worker_threads';
import { type ReadJob, runReadJob } from './read-job.js';

export type { ReadJob, SampleBatch, WorkerReply } from './read-job.js';

parentPort?.on('message', (message: ReadJob) =>
  runReadJob(message, (reply, transfer) => parentPort!.postMessage(reply, transfer)),
);
