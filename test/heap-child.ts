// Child process of streaming-heap.test.ts: builds every output of one run in memory and prints
// the peak heap seen (sampled on a timer, which runs between the reader's chunks) as JSON. The
// files are read on this thread (`parallel: 'off'`), so this one heap holds all the reading: the
// strict form of the claim (worker threads each stream one file the same way).
import { build } from '../src/pipeline.js';

const runDir = process.argv[2]!;
let peak = process.memoryUsage().heapUsed;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 5);
const result = await build(runDir, { parallel: 'off' });
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().heapUsed);
const records = result.summary.inputs.reduce((a, i) => a + i.records, 0);
process.stdout.write(`${JSON.stringify({ peakHeapBytes: peak, records, htmlBytes: result.html.length })}\n`);
