// A/B timing of whole commands on a noisy machine: each round runs every variant once, in an order
// reversed every other round, so drifts in machine load fall on all variants alike. Prints the
// median and the fastest wall time and the median CPU time (user + system) of each.
// Usage: node bench/ab.mjs <rounds> 'name=shell command' 'name=shell command' ...
import { execFileSync } from 'node:child_process';

const rounds = Number(process.argv[2]);
const variants = process.argv.slice(3).map((v) => {
  const i = v.indexOf('=');
  return { name: v.slice(0, i), cmd: v.slice(i + 1), wall: [], cpu: [] };
});
if (!(rounds > 0) || variants.length === 0 || variants.some((v) => !v.name || !v.cmd)) {
  process.stderr.write("usage: node bench/ab.mjs <rounds> 'name=shell command' ...\n");
  process.exit(2);
}
for (let r = 0; r < rounds; r++)
  for (const v of r % 2 ? [...variants].reverse() : variants) {
    // /usr/bin/time's line is the last on stderr; the command's own output is discarded.
    const out = execFileSync(
      'bash',
      ['-c', `/usr/bin/time -f "%e %U %S" bash -c "$0" 2>&1 >/dev/null | tail -1`, v.cmd],
      {
        encoding: 'utf8',
      },
    );
    const [wall, user, sys] = out.trim().split(' ').map(Number);
    v.wall.push(wall);
    v.cpu.push(user + sys);
  }
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const v of variants)
  console.log(
    `${v.name}: wall median ${median(v.wall).toFixed(2)} s (fastest ${Math.min(...v.wall).toFixed(2)}), cpu median ${median(v.cpu).toFixed(2)} s`,
  );
