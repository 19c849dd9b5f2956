// Worker thread of parallel-read.ts: reads the files it is sent one at a time, in the order they
// came (read-job.ts). It may be sent the next file before it has finished one (parallel-read.ts
// keeps it two ahead); that one waits here, so its replies never interleave with the first's.
import { parentPort } from 'node:worker_threads';
import { type ReadJob, runReadJob } from './read-job.js';

export type { ReadJob, SampleBatch, WorkerReply } from './read-job.js';

let previous: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (message: ReadJob) => {
  previous = previous.then(() =>
    runReadJob(message, (reply, transfer) => parentPort!.postMessage(reply, transfer)),
  );
});
