// Worker thread of parallel-read.ts: reads the files it is sent one at a time, in the order they
// came (read-job.ts). It may be sent the next file before it has finished one (parallel-read.ts
// keeps it two ahead); that one waits here, so its replies never interleave with the first's.
// `null` means the read is over: it finishes what it holds and ends, as a thread with nothing
// left to do (the bundled command's worker then keeps its compiled code for the next run).
import { parentPort } from 'node:worker_threads';
import { type ReadJob, runReadJob } from './read-job.js';

export type { ReadJob, SampleBatch, WorkerReply } from './read-job.js';

let previous: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (message: ReadJob | null) => {
  previous = previous.then(async () => {
    if (message === null) parentPort!.close();
    else await runReadJob(message, (reply, transfer) => parentPort!.postMessage(reply, transfer));
  });
});
