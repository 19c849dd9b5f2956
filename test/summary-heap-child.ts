// Child process of summary-heap.test.ts: feeds `samples` canonical samples (20 series: 10 hosts ×
// CPU and memory, 1 s apart) through a series builder given the run window, keeps what finish()
// returns, and prints the heap plus array buffers (typed arrays live outside the JS heap)
// retained after full GCs as JSON. Run with --expose-gc.
import { createSeriesBuilder } from '../src/metrics/derive.js';

const samples = Number(process.argv[2]);
const hosts = Array.from({ length: 10 }, (_, i) => `h${i}`);
const perSeries = Math.ceil(samples / 20);
const start = Date.UTC(2025, 0, 1);
const gc = (globalThis as { gc?: () => void }).gc!;
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
/**
 * What is live after full collections. V8 frees dead array buffers' memory on a background thread
 * after a GC, so `arrayBuffers` read right after gc() can still count them: collect, give the
 * sweeper time, and keep the least of a few readings.
 */
async function settled(): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    least = Math.min(least, used());
  }
  return least;
}
const before = await settled();
const b = createSeriesBuilder(hosts, {
  start,
  end: start + perSeries * 1000,
  intervalSeconds: 1,
  ...(process.argv[3] ? { exactLimit: Number(process.argv[3]) } : {}),
});
for (let i = 0; i < perSeries; i++) {
  const t = start + i * 1000;
  for (let h = 0; h < 10; h++) {
    b.push(hosts[h]!, 'cpu.busy_pct', t, (i * 7 + h) % 100);
    b.push(hosts[h]!, 'mem.used_pct', t, 40 + ((i + h) % 10));
  }
}
const series = b.finish();
const retained = (await settled()) - before;
const counted = series.reduce((a, s) => a + (s.summary?.count ?? s.values.length), 0);
process.stdout.write(
  `${JSON.stringify({ retainedBytes: retained, samples: counted, summarised: series.filter((s) => s.summary).length })}\n`,
);
