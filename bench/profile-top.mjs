// Prints the functions with the most self time in a V8 .cpuprofile (from `node --cpu-prof`).
// Usage: node bench/profile-top.mjs <file.cpuprofile> [count]
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const count = Number(process.argv[3] ?? 25);
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  total += dt[i] ?? 0;
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, count);
for (const [k, us] of rows)
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
  );
console.log(`${(total / 1000).toFixed(0).padStart(7)} ms total`);
