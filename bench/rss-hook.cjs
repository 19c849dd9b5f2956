// Preloaded (node --require) into every measured process: on exit it writes the process's peak
// resident set size (KiB) and CPU time (user + system, µs) to the file named by BENCH_RSS_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  }
});
