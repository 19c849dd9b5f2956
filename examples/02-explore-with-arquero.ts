// Notebook cell 2: the per-sample and per-node tables of a run, explored with arquero verbs.
import { fileURLToPath } from 'node:url';
import { op } from 'arquero';
import { build, toTable } from 'bench-report';

const runsDir = fileURLToPath(new URL('../fixtures/runs', import.meta.url));
const run = await build('distributed-20-partial', { runsDir });
const { samples, nodes } = toTable(run);

console.log(`samples: ${samples.numRows()} rows, columns ${samples.columnNames().join(', ')}`);

// Per host and metric: count, mean and 95th percentile of the raw samples.
const perHost = samples
  .groupby('host', 'metric')
  .rollup({
    n: () => op.count(),
    mean: (d: { value: number }) => op.mean(d.value),
    p95: (d: { value: number }) => op.quantile(d.value, 0.95),
  })
  .orderby('host', 'metric');
for (const row of perHost.objects() as { host: string; metric: string; n: number; mean: number }[])
  console.log(`${row.host} ${row.metric}: n=${row.n} mean=${row.mean.toFixed(3)}`);

// Nodes without data keep null figures ("not measured"), so a filter finds them.
const unmeasured = nodes.filter((d: { status: string }) => d.status === 'missing').array('host');
console.log(`not measured: ${unmeasured.join(', ') || 'none'}`);
console.log(nodes.select('host', 'status', 'cpu_mean', 'cpu_per_bot').toMarkdown());
