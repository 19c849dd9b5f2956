// Notebook cell 3: a vega-lite chart of CPU over time for two runs, rendered to SVG with vega.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build, toTable } from 'bench-report';
import * as vega from 'vega';
import * as vl from 'vega-lite';

const runsDir = fileURLToPath(new URL('../fixtures/runs', import.meta.url));
const outDir = process.env.EXAMPLES_OUT ?? '.tmp/examples';
type Sample = { run: string; host: string; metric: string; time: number; value: number };
const rows: Sample[] = [];
for (const id of ['single-node-20', 'distributed-20-partial']) {
  const { samples } = toTable(await build(id, { runsDir }));
  rows.push(...(samples.filter((d: Sample) => d.metric === 'cpu.busy_pct').objects() as Sample[]));
}

const spec: vl.TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'CPU busy % over time',
  width: 480,
  height: 200,
  data: { values: rows },
  mark: { type: 'line', interpolate: 'linear' },
  encoding: {
    x: { field: 'time', type: 'temporal', title: 'time (UTC)', timeUnit: 'utchoursminutesseconds' },
    y: { field: 'value', type: 'quantitative', title: 'CPU busy %' },
    color: { field: 'host', type: 'nominal' },
    strokeDash: { field: 'run', type: 'nominal' },
  },
};

const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
const svg = await view.toSVG();
view.finalize();
await mkdir(outDir, { recursive: true });
const file = path.join(outDir, 'cpu-over-time.svg');
await writeFile(file, svg);
console.log(`plotted ${rows.length} samples from ${new Set(rows.map((r) => r.run)).size} runs`);
console.log(`wrote ${file} (${svg.length} bytes, ${(svg.match(/<path/g) ?? []).length} paths)`);
